/** Reading structural schemas: the schema of an object's property, declared or additional. */
import { additionalSchema, propertySchema, type SchemaNode } from '../../src/validation/structural-schema';

const str: SchemaNode = { type: 'string' };
const int: SchemaNode = { type: 'integer' };

describe('propertySchema and additionalSchema', () => {
  test('a declared property has its own schema; any other key the additional one', () => {
    const schema: SchemaNode = { type: 'object', properties: { name: str }, additionalProperties: int };
    expect(propertySchema(schema, 'name')).toBe(str);
    expect(propertySchema(schema, 'other')).toBe(int);
    expect(additionalSchema(schema)).toBe(int);
  });

  test('without additionalProperties (or with a boolean) other keys have no schema', () => {
    expect(propertySchema({ type: 'object', properties: { name: str } }, 'other')).toBeUndefined();
    expect(propertySchema({ type: 'object', properties: { name: str }, additionalProperties: true }, 'other')).toBeUndefined();
    expect(additionalSchema({ type: 'object', additionalProperties: false })).toBeUndefined();
    expect(propertySchema({ type: 'object' }, 'name')).toBeUndefined();
  });

  test('names every object inherits are not declared properties', () => {
    const schema: SchemaNode = { type: 'object', properties: { name: str }, additionalProperties: int };
    expect(propertySchema(schema, 'constructor')).toBe(int);
    expect(propertySchema({ type: 'object', properties: { name: str } }, 'toString')).toBeUndefined();
  });
});

import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';

/** The type of what JSON can hold (VRL's `json_type_def`). */
export function jsonTypeDef(): TypeDef {
  const inner = Kind.null()
    .orBytes()
    .orInteger()
    .orFloat()
    .orBoolean()
    .orArray(Collection.any())
    .orObject(Collection.any());
  return TypeDef.bytes()
    .fallible()
    .orBoolean()
    .orInteger()
    .orFloat()
    .orNull()
    .orArray(Collection.fromUnknown(inner))
    .orObject(Collection.fromUnknown(inner));
}

/** `encode_json(value, pretty: false)`: the value as JSON text (keys sorted, as VRL writes objects). */

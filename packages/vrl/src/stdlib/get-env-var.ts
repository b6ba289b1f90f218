import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';

/** `get_env_var(name)`: the value of an environment variable of the process. */
export const getEnvVar = defineFunction({
  name: 'get_env_var',
  parameters: [required('name', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([name]) => {
    const value = Object.hasOwn(process.env, name as string) ? process.env[name as string] : undefined;
    return value ?? fail('environment variable not found');
  },
});

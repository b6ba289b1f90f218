import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { numberOfValue, Tag, tagOf } from '../value/value.js';
import { floatOrZero, roundHalfAwayFromZero, roundToPrecision } from './rounding.js';

const EARTH_RADIUS_IN_KILOMETERS = 6_371_008.8 / 1000;
const EARTH_RADIUS_IN_MILES = EARTH_RADIUS_IN_KILOMETERS * 0.621_371_2;
const RADIANS = Math.PI / 180;
const DEGREES = 180 / Math.PI;

/**
 * `haversine(latitude1, longitude1, latitude2, longitude2, measurement_unit: "kilometers")`: the
 * great-circle distance (7 decimals) and initial bearing in degrees (3 decimals) between two points.
 */
export const haversine = defineFunction({
  name: 'haversine',
  parameters: [
    required('latitude1', kind.FLOAT),
    required('longitude1', kind.FLOAT),
    required('latitude2', kind.FLOAT),
    required('longitude2', kind.FLOAT),
    optional('measurement_unit', kind.BYTES),
  ],
  compile(call) {
    const unit =
      (call.enumValue('measurement_unit', ['kilometers', 'miles']) as string | undefined) ?? 'kilometers';
    const radius = unit === 'miles' ? EARTH_RADIUS_IN_MILES : EARTH_RADIUS_IN_KILOMETERS;
    const coordinates = ['latitude1', 'longitude1', 'latitude2', 'longitude2'].map(
      (keyword) => call.required(keyword).evaluate,
    );
    return {
      run(context) {
        const [latitude1, longitude1, latitude2, longitude2] = coordinates.map((evaluate) => {
          const value = evaluate(context);
          if (tagOf(value) !== Tag.Float) return fail(`expected float, got ${kindName(value)}`);
          return numberOfValue(value) * RADIANS;
        }) as [number, number, number, number];
        const deltaLongitude = longitude2 - longitude1;
        const deltaLatitude = latitude2 - latitude1;
        const a =
          Math.sin(deltaLatitude / 2) ** 2 +
          Math.cos(latitude1) * Math.cos(latitude2) * Math.sin(deltaLongitude / 2) ** 2;
        const distance = 2 * Math.asin(Math.sqrt(a));
        const y = Math.sin(deltaLongitude) * Math.cos(latitude2);
        const x =
          Math.cos(latitude1) * Math.sin(latitude2) -
          Math.sin(latitude1) * Math.cos(latitude2) * Math.cos(deltaLongitude);
        const bearing = (Math.atan2(y, x) * DEGREES + 360) % 360;
        return {
          distance: floatOrZero(roundToPrecision(distance * radius, 7, roundHalfAwayFromZero)),
          bearing: floatOrZero(roundToPrecision(bearing, 3, roundHalfAwayFromZero)),
        };
      },
      typeDef: TypeDef.object(
        Collection.fromParts<string>(
          new Map([
            ['distance', Kind.float()],
            ['bearing', Kind.float()],
          ]),
          Kind.undefined(),
        ),
      ),
      freshResult: true,
    };
  },
});

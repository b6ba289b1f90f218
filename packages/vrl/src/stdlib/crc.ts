import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { textToBytes } from './raw-bytes.js';

/**
 * The CRC algorithms of the `crc` crate's catalogue (from reveng's CRC catalogue): width, poly,
 * init, refin, refout, xorout, and the check value (the CRC of "123456789").
 */
type Algorithm = [
  width: number,
  poly: string,
  init: string,
  refin: boolean,
  refout: boolean,
  xorout: string,
  check: string,
];

export const CRC_ALGORITHMS: Record<string, Algorithm> = {
  CRC_3_GSM: [3, '0x3', '0x0', false, false, '0x7', '0x4'],
  CRC_3_ROHC: [3, '0x3', '0x7', true, true, '0x0', '0x6'],
  CRC_4_G_704: [4, '0x3', '0x0', true, true, '0x0', '0x7'],
  CRC_4_INTERLAKEN: [4, '0x3', '0xf', false, false, '0xf', '0xb'],
  CRC_5_EPC_C1G2: [5, '0x9', '0x9', false, false, '0x0', '0x0'],
  CRC_5_G_704: [5, '0x15', '0x0', true, true, '0x0', '0x7'],
  CRC_5_USB: [5, '0x5', '0x1f', true, true, '0x1f', '0x19'],
  CRC_6_CDMA2000_A: [6, '0x27', '0x3f', false, false, '0x0', '0xd'],
  CRC_6_CDMA2000_B: [6, '0x7', '0x3f', false, false, '0x0', '0x3b'],
  CRC_6_DARC: [6, '0x19', '0x0', true, true, '0x0', '0x26'],
  CRC_6_GSM: [6, '0x2f', '0x0', false, false, '0x3f', '0x13'],
  CRC_6_G_704: [6, '0x3', '0x0', true, true, '0x0', '0x6'],
  CRC_7_MMC: [7, '0x9', '0x0', false, false, '0x0', '0x75'],
  CRC_7_ROHC: [7, '0x4f', '0x7f', true, true, '0x0', '0x53'],
  CRC_7_UMTS: [7, '0x45', '0x0', false, false, '0x0', '0x61'],
  CRC_8_AUTOSAR: [8, '0x2f', '0xff', false, false, '0xff', '0xdf'],
  CRC_8_BLUETOOTH: [8, '0xa7', '0x0', true, true, '0x0', '0x26'],
  CRC_8_CDMA2000: [8, '0x9b', '0xff', false, false, '0x0', '0xda'],
  CRC_8_DARC: [8, '0x39', '0x0', true, true, '0x0', '0x15'],
  CRC_8_DVB_S2: [8, '0xd5', '0x0', false, false, '0x0', '0xbc'],
  CRC_8_GSM_A: [8, '0x1d', '0x0', false, false, '0x0', '0x37'],
  CRC_8_GSM_B: [8, '0x49', '0x0', false, false, '0xff', '0x94'],
  CRC_8_HITAG: [8, '0x1d', '0xff', false, false, '0x0', '0xb4'],
  CRC_8_I_432_1: [8, '0x7', '0x0', false, false, '0x55', '0xa1'],
  CRC_8_I_CODE: [8, '0x1d', '0xfd', false, false, '0x0', '0x7e'],
  CRC_8_LTE: [8, '0x9b', '0x0', false, false, '0x0', '0xea'],
  CRC_8_MAXIM_DOW: [8, '0x31', '0x0', true, true, '0x0', '0xa1'],
  CRC_8_MIFARE_MAD: [8, '0x1d', '0xc7', false, false, '0x0', '0x99'],
  CRC_8_NRSC_5: [8, '0x31', '0xff', false, false, '0x0', '0xf7'],
  CRC_8_OPENSAFETY: [8, '0x2f', '0x0', false, false, '0x0', '0x3e'],
  CRC_8_ROHC: [8, '0x7', '0xff', true, true, '0x0', '0xd0'],
  CRC_8_SAE_J1850: [8, '0x1d', '0xff', false, false, '0xff', '0x4b'],
  CRC_8_SMBUS: [8, '0x7', '0x0', false, false, '0x0', '0xf4'],
  CRC_8_TECH_3250: [8, '0x1d', '0xff', true, true, '0x0', '0x97'],
  CRC_8_WCDMA: [8, '0x9b', '0x0', true, true, '0x0', '0x25'],
  CRC_10_ATM: [10, '0x233', '0x0', false, false, '0x0', '0x199'],
  CRC_10_CDMA2000: [10, '0x3d9', '0x3ff', false, false, '0x0', '0x233'],
  CRC_10_GSM: [10, '0x175', '0x0', false, false, '0x3ff', '0x12a'],
  CRC_11_FLEXRAY: [11, '0x385', '0x1a', false, false, '0x0', '0x5a3'],
  CRC_11_UMTS: [11, '0x307', '0x0', false, false, '0x0', '0x61'],
  CRC_12_CDMA2000: [12, '0xf13', '0xfff', false, false, '0x0', '0xd4d'],
  CRC_12_DECT: [12, '0x80f', '0x0', false, false, '0x0', '0xf5b'],
  CRC_12_GSM: [12, '0xd31', '0x0', false, false, '0xfff', '0xb34'],
  CRC_12_UMTS: [12, '0x80f', '0x0', false, true, '0x0', '0xdaf'],
  CRC_13_BBC: [13, '0x1cf5', '0x0', false, false, '0x0', '0x4fa'],
  CRC_14_DARC: [14, '0x805', '0x0', true, true, '0x0', '0x82d'],
  CRC_14_GSM: [14, '0x202d', '0x0', false, false, '0x3fff', '0x30ae'],
  CRC_15_CAN: [15, '0x4599', '0x0', false, false, '0x0', '0x59e'],
  CRC_15_MPT1327: [15, '0x6815', '0x0', false, false, '0x1', '0x2566'],
  CRC_16_ARC: [16, '0x8005', '0x0', true, true, '0x0', '0xbb3d'],
  CRC_16_CDMA2000: [16, '0xc867', '0xffff', false, false, '0x0', '0x4c06'],
  CRC_16_CMS: [16, '0x8005', '0xffff', false, false, '0x0', '0xaee7'],
  CRC_16_DDS_110: [16, '0x8005', '0x800d', false, false, '0x0', '0x9ecf'],
  CRC_16_DECT_R: [16, '0x589', '0x0', false, false, '0x1', '0x7e'],
  CRC_16_DECT_X: [16, '0x589', '0x0', false, false, '0x0', '0x7f'],
  CRC_16_DNP: [16, '0x3d65', '0x0', true, true, '0xffff', '0xea82'],
  CRC_16_EN_13757: [16, '0x3d65', '0x0', false, false, '0xffff', '0xc2b7'],
  CRC_16_GENIBUS: [16, '0x1021', '0xffff', false, false, '0xffff', '0xd64e'],
  CRC_16_GSM: [16, '0x1021', '0x0', false, false, '0xffff', '0xce3c'],
  CRC_16_IBM_3740: [16, '0x1021', '0xffff', false, false, '0x0', '0x29b1'],
  CRC_16_IBM_SDLC: [16, '0x1021', '0xffff', true, true, '0xffff', '0x906e'],
  CRC_16_ISO_IEC_14443_3_A: [16, '0x1021', '0xc6c6', true, true, '0x0', '0xbf05'],
  CRC_16_KERMIT: [16, '0x1021', '0x0', true, true, '0x0', '0x2189'],
  CRC_16_LJ1200: [16, '0x6f63', '0x0', false, false, '0x0', '0xbdf4'],
  CRC_16_M17: [16, '0x5935', '0xffff', false, false, '0x0', '0x772b'],
  CRC_16_MAXIM_DOW: [16, '0x8005', '0x0', true, true, '0xffff', '0x44c2'],
  CRC_16_MCRF4XX: [16, '0x1021', '0xffff', true, true, '0x0', '0x6f91'],
  CRC_16_MODBUS: [16, '0x8005', '0xffff', true, true, '0x0', '0x4b37'],
  CRC_16_NRSC_5: [16, '0x80b', '0xffff', true, true, '0x0', '0xa066'],
  CRC_16_OPENSAFETY_A: [16, '0x5935', '0x0', false, false, '0x0', '0x5d38'],
  CRC_16_OPENSAFETY_B: [16, '0x755b', '0x0', false, false, '0x0', '0x20fe'],
  CRC_16_PROFIBUS: [16, '0x1dcf', '0xffff', false, false, '0xffff', '0xa819'],
  CRC_16_RIELLO: [16, '0x1021', '0xb2aa', true, true, '0x0', '0x63d0'],
  CRC_16_SPI_FUJITSU: [16, '0x1021', '0x1d0f', false, false, '0x0', '0xe5cc'],
  CRC_16_T10_DIF: [16, '0x8bb7', '0x0', false, false, '0x0', '0xd0db'],
  CRC_16_TELEDISK: [16, '0xa097', '0x0', false, false, '0x0', '0xfb3'],
  CRC_16_TMS37157: [16, '0x1021', '0x89ec', true, true, '0x0', '0x26b1'],
  CRC_16_UMTS: [16, '0x8005', '0x0', false, false, '0x0', '0xfee8'],
  CRC_16_USB: [16, '0x8005', '0xffff', true, true, '0xffff', '0xb4c8'],
  CRC_16_XMODEM: [16, '0x1021', '0x0', false, false, '0x0', '0x31c3'],
  CRC_17_CAN_FD: [17, '0x1685b', '0x0', false, false, '0x0', '0x4f03'],
  CRC_21_CAN_FD: [21, '0x102899', '0x0', false, false, '0x0', '0xed841'],
  CRC_24_BLE: [24, '0x65b', '0x555555', true, true, '0x0', '0xc25a56'],
  CRC_24_FLEXRAY_A: [24, '0x5d6dcb', '0xfedcba', false, false, '0x0', '0x7979bd'],
  CRC_24_FLEXRAY_B: [24, '0x5d6dcb', '0xabcdef', false, false, '0x0', '0x1f23b8'],
  CRC_24_INTERLAKEN: [24, '0x328b63', '0xffffff', false, false, '0xffffff', '0xb4f3e6'],
  CRC_24_LTE_A: [24, '0x864cfb', '0x0', false, false, '0x0', '0xcde703'],
  CRC_24_LTE_B: [24, '0x800063', '0x0', false, false, '0x0', '0x23ef52'],
  CRC_24_OPENPGP: [24, '0x864cfb', '0xb704ce', false, false, '0x0', '0x21cf02'],
  CRC_24_OS_9: [24, '0x800063', '0xffffff', false, false, '0xffffff', '0x200fa5'],
  CRC_30_CDMA: [30, '0x2030b9c7', '0x3fffffff', false, false, '0x3fffffff', '0x4c34abf'],
  CRC_31_PHILIPS: [31, '0x4c11db7', '0x7fffffff', false, false, '0x7fffffff', '0xce9e46c'],
  CRC_32_AIXM: [32, '0x814141ab', '0x0', false, false, '0x0', '0x3010bf7f'],
  CRC_32_AUTOSAR: [32, '0xf4acfb13', '0xffffffff', true, true, '0xffffffff', '0x1697d06a'],
  CRC_32_BASE91_D: [32, '0xa833982b', '0xffffffff', true, true, '0xffffffff', '0x87315576'],
  CRC_32_BZIP2: [32, '0x4c11db7', '0xffffffff', false, false, '0xffffffff', '0xfc891918'],
  CRC_32_CD_ROM_EDC: [32, '0x8001801b', '0x0', true, true, '0x0', '0x6ec2edc4'],
  CRC_32_CKSUM: [32, '0x4c11db7', '0x0', false, false, '0xffffffff', '0x765e7680'],
  CRC_32_ISCSI: [32, '0x1edc6f41', '0xffffffff', true, true, '0xffffffff', '0xe3069283'],
  CRC_32_ISO_HDLC: [32, '0x4c11db7', '0xffffffff', true, true, '0xffffffff', '0xcbf43926'],
  CRC_32_JAMCRC: [32, '0x4c11db7', '0xffffffff', true, true, '0x0', '0x340bc6d9'],
  CRC_32_MEF: [32, '0x741b8cd7', '0xffffffff', true, true, '0x0', '0xd2c22f51'],
  CRC_32_MPEG_2: [32, '0x4c11db7', '0xffffffff', false, false, '0x0', '0x376e6e7'],
  CRC_32_XFER: [32, '0xaf', '0x0', false, false, '0x0', '0xbd0be338'],
  CRC_40_GSM: [40, '0x4820009', '0x0', false, false, '0xffffffffff', '0xd4164fc646'],
  CRC_64_ECMA_182: [64, '0x42f0e1eba9ea3693', '0x0', false, false, '0x0', '0x6c40df5f0b497347'],
  CRC_64_GO_ISO: [64, '0x1b', '0xffffffffffffffff', true, true, '0xffffffffffffffff', '0xb90956c775a41001'],
  CRC_64_MS: [64, '0x259c84cba6426349', '0xffffffffffffffff', true, true, '0x0', '0x75d4b74f024eceea'],
  CRC_64_REDIS: [64, '0xad93d23594c935a9', '0x0', true, true, '0x0', '0xe9c6d914c4b8d9ca'],
  CRC_64_WE: [
    64,
    '0x42f0e1eba9ea3693',
    '0xffffffffffffffff',
    false,
    false,
    '0xffffffffffffffff',
    '0x62ec59e3f1a4f00a',
  ],
  CRC_64_XZ: [
    64,
    '0x42f0e1eba9ea3693',
    '0xffffffffffffffff',
    true,
    true,
    '0xffffffffffffffff',
    '0x995dc9bbdf1939fa',
  ],
  CRC_82_DARC: [82, '0x308c0111011401440411', '0x0', true, true, '0x0', '0x9ea83f625023801fd612'],
};

function reflect(value: bigint, width: bigint): bigint {
  let result = 0n;
  for (let bit = 0n; bit < width; bit++) if ((value >> bit) & 1n) result |= 1n << (width - 1n - bit);
  return result;
}

const tables = new Map<string, bigint[]>();

/** A CRC of the bytes by the catalogue's parameters (bitwise, table-driven, BigInt for widths past 32). */
export function crcChecksum(name: string, bytes: Uint8Array): bigint {
  const [widthNumber, poly, init, refin, refout, xorout] = CRC_ALGORITHMS[name] as Algorithm;
  const width = BigInt(widthNumber);
  const mask = (1n << width) - 1n;
  const polynomial = BigInt(poly);
  // Registers of at least 8 bits: narrower CRCs run shifted left to 8 bits.
  const shift = width < 8n ? 8n - width : 0n;
  const size = width + shift;
  const top = 1n << (size - 1n);
  const registerMask = (1n << size) - 1n;
  let table = tables.get(name);
  if (table === undefined) {
    table = [];
    const shifted = polynomial << shift;
    for (let byte = 0n; byte < 256n; byte++) {
      let register = byte << (size - 8n);
      for (let bit = 0; bit < 8; bit++)
        register =
          register & top ? ((register << 1n) ^ shifted) & registerMask : (register << 1n) & registerMask;
      table.push(register);
    }
    tables.set(name, table);
  }
  let register = BigInt(init) << shift;
  for (const byte of bytes) {
    const index = Number(
      ((register >> (size - 8n)) ^ BigInt(refin ? Number(reflect(BigInt(byte), 8n)) : byte)) & 0xffn,
    );
    register = ((register << 8n) & registerMask) ^ (table[index] as bigint);
  }
  let crc = (register >> shift) & mask;
  if (refout) crc = reflect(crc, width);
  return (crc ^ BigInt(xorout)) & mask;
}

/** `crc(value, algorithm: "CRC_32_ISO_HDLC")`: the CRC of the bytes, as a decimal string. */
export const crc = defineFunction({
  name: 'crc',
  parameters: [required('value', kind.BYTES), optional('algorithm', kind.BYTES, 'CRC_32_ISO_HDLC')],
  returns: (call) => {
    const argument = call.argument('algorithm');
    const algorithm = argument?.constant;
    const valid =
      argument === undefined ||
      (typeof algorithm === 'string' && Object.hasOwn(CRC_ALGORITHMS, algorithm.toUpperCase()));
    return TypeDef.bytes().maybeFallible(!valid);
  },
  call: ([value, algorithm]) => {
    const name = (algorithm as string).toUpperCase();
    if (!Object.hasOwn(CRC_ALGORITHMS, name)) return fail(`Invalid CRC algorithm: ${name}`);
    return crcChecksum(name, textToBytes(value as string)).toString();
  },
});

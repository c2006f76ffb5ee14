/** Names of the administrative divisions the portal shows (行政区划); others print as their code. */
const NAMES: Record<string, string> = {
  '110000': '北京市',
  '210000': '辽宁省',
  '210100': '沈阳市',
  '210200': '大连市',
  '210800': '营口市',
  '310000': '上海市',
  '310107': '上海市普陀区',
  '320000': '江苏省',
  '440000': '广东省',
  '440300': '深圳市',
};

export function regionName(code: string): string {
  return NAMES[code] ?? code;
}

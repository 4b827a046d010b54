import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm harbour blue as the brand colour.
const berth: MantineColorsTuple = ['#e8f4ff', '#d3e4fa', '#a6c7f0', '#76a8e7', '#4e8ddf', '#357cdb', '#2673da', '#1862c2', '#0b57ae', '#004b9a'];

export const theme = createTheme({
  primaryColor: 'berth',
  primaryShade: { light: 7, dark: 5 },
  colors: { berth },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  // system fonts first, then CJK fonts so Chinese text never falls back to a bitmap font
  fontFamily: [
    '-apple-system',
    'BlinkMacSystemFont',
    "'Segoe UI'",
    'Roboto',
    "'Helvetica Neue'",
    "'Noto Sans'",
    "'Liberation Sans'",
    'Arial',
    "'PingFang SC'",
    "'Microsoft YaHei'",
    "'Noto Sans CJK SC'",
    'sans-serif',
  ].join(', '),
  fontFamilyMonospace: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono CJK SC', monospace",
  headings: { fontWeight: '650' },
  components: {
    Card: { defaultProps: { withBorder: true, radius: 'md' } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
  },
});

// Stands in for the `culori` index, which plotly.js loads as `require('culori')`: that takes
// culori's prebuilt CommonJS file with all of its ~30 colour spaces, none of it tree-shaken.
//
// plotly.js (src/components/color/index.js, its only user) parses colour strings, converts
// them to rgb and hsl, formats them as hex or rgb(), and measures contrast (WCAG luminance,
// computed in linear rgb). This takes those functions from culori's tree-shakeable entry
// (`culori/fn`) and registers only the colour spaces that needs:
// - rgb: parses `#hex`, `rgb()`/`rgba()`, the CSS colour names, `transparent` and
//   `color(srgb ...)`;
// - hsl and hwb: `hsl()`/`hsla()`, `hwb()`;
// - lrgb: for the WCAG luminance.
// Left out: the other spaces of CSS Color 4 (`lab()`, `lch()`, `oklab()`, `oklch()`,
// `color(display-p3 ...)` etc.) and culori's non-CSS spaces. The dashboard's colours are hex
// and rgba() (dashboard/styles.py, dashboard/figures/*) and plotly.py's template uses hex and
// rgb(); a colour in a left-out space would be drawn black with a Plotly console warning,
// which tests/browser/test_explore.py::test_no_console_warnings_on_load fails on.
import {modeHsl, modeHwb, modeLrgb, modeRgb, useMode} from 'culori/fn';

useMode(modeRgb);
useMode(modeLrgb);
useMode(modeHsl);
useMode(modeHwb);

export {converter, formatHex, formatRgb, wcagContrast, wcagLuminance} from 'culori/fn';

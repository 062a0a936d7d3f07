//! Twin of loaders/clean.py: see that module for the rules. Each Rust function names the
//! Python function it twins; the Python is the specification.
//!
//! Python calls, once per process (the width table is derived from `unicodedata` in Python):
//!     keji_native.init_clean(loaders.clean._WIDTH_TABLE)
//! and per report:
//!     ready = keji_native.clean_prepare(text)      # None: run the Python clean_text instead
//!     if not ready.isascii(): ready = _T2S.convert(ready)
//!     clean = keji_native.clean_finish(ready)
//!
//! Regexes: the `regex` crate has no look-around, so each look-around of the Python patterns
//! is rewritten (a consumed class, a check in code; see each pattern). Python's `\d`, `\s`,
//! `\S` and `\w` differ from the crate's, so patterns are written with them and `py_re`
//! replaces each by an explicit class of Python's characters (py.rs's, and the table below;
//! from Python 3.11 / Unicode 14). All other semantics used here (leftmost-first
//! alternation, greedy and lazy repetition, `.` not matching `\n`, `$` at the end only: the
//! lines hold no `\n`) are the same in both engines.
use std::borrow::Cow;
use std::collections::HashMap;

use once_cell::sync::{Lazy, OnceCell};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use regex::{NoExpand, Regex};

use crate::py::{char_len, is_pd, is_py_space, last_chars, py_strip, PY_D, PY_S};

// ------------------------------------------------------------ Python's character classes
// (`\s`, `\d` and the tests of a character are py.rs's, shared by the twins)

/// Python's `\w` (`str.isalnum() or '_'`, Unicode 14 of Python 3.11): inclusive ranges.
const PY_WORD: &[(u32, u32)] = &[
    (0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A), (0xAA, 0xAA), (0xB2, 0xB3),
    (0xB5, 0xB5), (0xB9, 0xBA), (0xBC, 0xBE), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2C1),
    (0x2C6, 0x2D1), (0x2E0, 0x2E4), (0x2EC, 0x2EC), (0x2EE, 0x2EE), (0x370, 0x374), (0x376, 0x377),
    (0x37A, 0x37D), (0x37F, 0x37F), (0x386, 0x386), (0x388, 0x38A), (0x38C, 0x38C), (0x38E, 0x3A1),
    (0x3A3, 0x3F5), (0x3F7, 0x481), (0x48A, 0x52F), (0x531, 0x556), (0x559, 0x559), (0x560, 0x588),
    (0x5D0, 0x5EA), (0x5EF, 0x5F2), (0x620, 0x64A), (0x660, 0x669), (0x66E, 0x66F), (0x671, 0x6D3),
    (0x6D5, 0x6D5), (0x6E5, 0x6E6), (0x6EE, 0x6FC), (0x6FF, 0x6FF), (0x710, 0x710), (0x712, 0x72F),
    (0x74D, 0x7A5), (0x7B1, 0x7B1), (0x7C0, 0x7EA), (0x7F4, 0x7F5), (0x7FA, 0x7FA), (0x800, 0x815),
    (0x81A, 0x81A), (0x824, 0x824), (0x828, 0x828), (0x840, 0x858), (0x860, 0x86A), (0x870, 0x887),
    (0x889, 0x88E), (0x8A0, 0x8C9), (0x904, 0x939), (0x93D, 0x93D), (0x950, 0x950), (0x958, 0x961),
    (0x966, 0x96F), (0x971, 0x980), (0x985, 0x98C), (0x98F, 0x990), (0x993, 0x9A8), (0x9AA, 0x9B0),
    (0x9B2, 0x9B2), (0x9B6, 0x9B9), (0x9BD, 0x9BD), (0x9CE, 0x9CE), (0x9DC, 0x9DD), (0x9DF, 0x9E1),
    (0x9E6, 0x9F1), (0x9F4, 0x9F9), (0x9FC, 0x9FC), (0xA05, 0xA0A), (0xA0F, 0xA10), (0xA13, 0xA28),
    (0xA2A, 0xA30), (0xA32, 0xA33), (0xA35, 0xA36), (0xA38, 0xA39), (0xA59, 0xA5C), (0xA5E, 0xA5E),
    (0xA66, 0xA6F), (0xA72, 0xA74), (0xA85, 0xA8D), (0xA8F, 0xA91), (0xA93, 0xAA8), (0xAAA, 0xAB0),
    (0xAB2, 0xAB3), (0xAB5, 0xAB9), (0xABD, 0xABD), (0xAD0, 0xAD0), (0xAE0, 0xAE1), (0xAE6, 0xAEF),
    (0xAF9, 0xAF9), (0xB05, 0xB0C), (0xB0F, 0xB10), (0xB13, 0xB28), (0xB2A, 0xB30), (0xB32, 0xB33),
    (0xB35, 0xB39), (0xB3D, 0xB3D), (0xB5C, 0xB5D), (0xB5F, 0xB61), (0xB66, 0xB6F), (0xB71, 0xB77),
    (0xB83, 0xB83), (0xB85, 0xB8A), (0xB8E, 0xB90), (0xB92, 0xB95), (0xB99, 0xB9A), (0xB9C, 0xB9C),
    (0xB9E, 0xB9F), (0xBA3, 0xBA4), (0xBA8, 0xBAA), (0xBAE, 0xBB9), (0xBD0, 0xBD0), (0xBE6, 0xBF2),
    (0xC05, 0xC0C), (0xC0E, 0xC10), (0xC12, 0xC28), (0xC2A, 0xC39), (0xC3D, 0xC3D), (0xC58, 0xC5A),
    (0xC5D, 0xC5D), (0xC60, 0xC61), (0xC66, 0xC6F), (0xC78, 0xC7E), (0xC80, 0xC80), (0xC85, 0xC8C),
    (0xC8E, 0xC90), (0xC92, 0xCA8), (0xCAA, 0xCB3), (0xCB5, 0xCB9), (0xCBD, 0xCBD), (0xCDD, 0xCDE),
    (0xCE0, 0xCE1), (0xCE6, 0xCEF), (0xCF1, 0xCF2), (0xD04, 0xD0C), (0xD0E, 0xD10), (0xD12, 0xD3A),
    (0xD3D, 0xD3D), (0xD4E, 0xD4E), (0xD54, 0xD56), (0xD58, 0xD61), (0xD66, 0xD78), (0xD7A, 0xD7F),
    (0xD85, 0xD96), (0xD9A, 0xDB1), (0xDB3, 0xDBB), (0xDBD, 0xDBD), (0xDC0, 0xDC6), (0xDE6, 0xDEF),
    (0xE01, 0xE30), (0xE32, 0xE33), (0xE40, 0xE46), (0xE50, 0xE59), (0xE81, 0xE82), (0xE84, 0xE84),
    (0xE86, 0xE8A), (0xE8C, 0xEA3), (0xEA5, 0xEA5), (0xEA7, 0xEB0), (0xEB2, 0xEB3), (0xEBD, 0xEBD),
    (0xEC0, 0xEC4), (0xEC6, 0xEC6), (0xED0, 0xED9), (0xEDC, 0xEDF), (0xF00, 0xF00), (0xF20, 0xF33),
    (0xF40, 0xF47), (0xF49, 0xF6C), (0xF88, 0xF8C), (0x1000, 0x102A), (0x103F, 0x1049), (0x1050, 0x1055),
    (0x105A, 0x105D), (0x1061, 0x1061), (0x1065, 0x1066), (0x106E, 0x1070), (0x1075, 0x1081), (0x108E, 0x108E),
    (0x1090, 0x1099), (0x10A0, 0x10C5), (0x10C7, 0x10C7), (0x10CD, 0x10CD), (0x10D0, 0x10FA), (0x10FC, 0x1248),
    (0x124A, 0x124D), (0x1250, 0x1256), (0x1258, 0x1258), (0x125A, 0x125D), (0x1260, 0x1288), (0x128A, 0x128D),
    (0x1290, 0x12B0), (0x12B2, 0x12B5), (0x12B8, 0x12BE), (0x12C0, 0x12C0), (0x12C2, 0x12C5), (0x12C8, 0x12D6),
    (0x12D8, 0x1310), (0x1312, 0x1315), (0x1318, 0x135A), (0x1369, 0x137C), (0x1380, 0x138F), (0x13A0, 0x13F5),
    (0x13F8, 0x13FD), (0x1401, 0x166C), (0x166F, 0x167F), (0x1681, 0x169A), (0x16A0, 0x16EA), (0x16EE, 0x16F8),
    (0x1700, 0x1711), (0x171F, 0x1731), (0x1740, 0x1751), (0x1760, 0x176C), (0x176E, 0x1770), (0x1780, 0x17B3),
    (0x17D7, 0x17D7), (0x17DC, 0x17DC), (0x17E0, 0x17E9), (0x17F0, 0x17F9), (0x1810, 0x1819), (0x1820, 0x1878),
    (0x1880, 0x1884), (0x1887, 0x18A8), (0x18AA, 0x18AA), (0x18B0, 0x18F5), (0x1900, 0x191E), (0x1946, 0x196D),
    (0x1970, 0x1974), (0x1980, 0x19AB), (0x19B0, 0x19C9), (0x19D0, 0x19DA), (0x1A00, 0x1A16), (0x1A20, 0x1A54),
    (0x1A80, 0x1A89), (0x1A90, 0x1A99), (0x1AA7, 0x1AA7), (0x1B05, 0x1B33), (0x1B45, 0x1B4C), (0x1B50, 0x1B59),
    (0x1B83, 0x1BA0), (0x1BAE, 0x1BE5), (0x1C00, 0x1C23), (0x1C40, 0x1C49), (0x1C4D, 0x1C7D), (0x1C80, 0x1C88),
    (0x1C90, 0x1CBA), (0x1CBD, 0x1CBF), (0x1CE9, 0x1CEC), (0x1CEE, 0x1CF3), (0x1CF5, 0x1CF6), (0x1CFA, 0x1CFA),
    (0x1D00, 0x1DBF), (0x1E00, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45), (0x1F48, 0x1F4D), (0x1F50, 0x1F57),
    (0x1F59, 0x1F59), (0x1F5B, 0x1F5B), (0x1F5D, 0x1F5D), (0x1F5F, 0x1F7D), (0x1F80, 0x1FB4), (0x1FB6, 0x1FBC),
    (0x1FBE, 0x1FBE), (0x1FC2, 0x1FC4), (0x1FC6, 0x1FCC), (0x1FD0, 0x1FD3), (0x1FD6, 0x1FDB), (0x1FE0, 0x1FEC),
    (0x1FF2, 0x1FF4), (0x1FF6, 0x1FFC), (0x2070, 0x2071), (0x2074, 0x2079), (0x207F, 0x2089), (0x2090, 0x209C),
    (0x2102, 0x2102), (0x2107, 0x2107), (0x210A, 0x2113), (0x2115, 0x2115), (0x2119, 0x211D), (0x2124, 0x2124),
    (0x2126, 0x2126), (0x2128, 0x2128), (0x212A, 0x212D), (0x212F, 0x2139), (0x213C, 0x213F), (0x2145, 0x2149),
    (0x214E, 0x214E), (0x2150, 0x2189), (0x2460, 0x249B), (0x24EA, 0x24FF), (0x2776, 0x2793), (0x2C00, 0x2CE4),
    (0x2CEB, 0x2CEE), (0x2CF2, 0x2CF3), (0x2CFD, 0x2CFD), (0x2D00, 0x2D25), (0x2D27, 0x2D27), (0x2D2D, 0x2D2D),
    (0x2D30, 0x2D67), (0x2D6F, 0x2D6F), (0x2D80, 0x2D96), (0x2DA0, 0x2DA6), (0x2DA8, 0x2DAE), (0x2DB0, 0x2DB6),
    (0x2DB8, 0x2DBE), (0x2DC0, 0x2DC6), (0x2DC8, 0x2DCE), (0x2DD0, 0x2DD6), (0x2DD8, 0x2DDE), (0x2E2F, 0x2E2F),
    (0x3005, 0x3007), (0x3021, 0x3029), (0x3031, 0x3035), (0x3038, 0x303C), (0x3041, 0x3096), (0x309D, 0x309F),
    (0x30A1, 0x30FA), (0x30FC, 0x30FF), (0x3105, 0x312F), (0x3131, 0x318E), (0x3192, 0x3195), (0x31A0, 0x31BF),
    (0x31F0, 0x31FF), (0x3220, 0x3229), (0x3248, 0x324F), (0x3251, 0x325F), (0x3280, 0x3289), (0x32B1, 0x32BF),
    (0x3400, 0x4DBF), (0x4E00, 0xA48C), (0xA4D0, 0xA4FD), (0xA500, 0xA60C), (0xA610, 0xA62B), (0xA640, 0xA66E),
    (0xA67F, 0xA69D), (0xA6A0, 0xA6EF), (0xA717, 0xA71F), (0xA722, 0xA788), (0xA78B, 0xA7CA), (0xA7D0, 0xA7D1),
    (0xA7D3, 0xA7D3), (0xA7D5, 0xA7D9), (0xA7F2, 0xA801), (0xA803, 0xA805), (0xA807, 0xA80A), (0xA80C, 0xA822),
    (0xA830, 0xA835), (0xA840, 0xA873), (0xA882, 0xA8B3), (0xA8D0, 0xA8D9), (0xA8F2, 0xA8F7), (0xA8FB, 0xA8FB),
    (0xA8FD, 0xA8FE), (0xA900, 0xA925), (0xA930, 0xA946), (0xA960, 0xA97C), (0xA984, 0xA9B2), (0xA9CF, 0xA9D9),
    (0xA9E0, 0xA9E4), (0xA9E6, 0xA9FE), (0xAA00, 0xAA28), (0xAA40, 0xAA42), (0xAA44, 0xAA4B), (0xAA50, 0xAA59),
    (0xAA60, 0xAA76), (0xAA7A, 0xAA7A), (0xAA7E, 0xAAAF), (0xAAB1, 0xAAB1), (0xAAB5, 0xAAB6), (0xAAB9, 0xAABD),
    (0xAAC0, 0xAAC0), (0xAAC2, 0xAAC2), (0xAADB, 0xAADD), (0xAAE0, 0xAAEA), (0xAAF2, 0xAAF4), (0xAB01, 0xAB06),
    (0xAB09, 0xAB0E), (0xAB11, 0xAB16), (0xAB20, 0xAB26), (0xAB28, 0xAB2E), (0xAB30, 0xAB5A), (0xAB5C, 0xAB69),
    (0xAB70, 0xABE2), (0xABF0, 0xABF9), (0xAC00, 0xD7A3), (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB), (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9), (0xFB00, 0xFB06), (0xFB13, 0xFB17), (0xFB1D, 0xFB1D), (0xFB1F, 0xFB28), (0xFB2A, 0xFB36),
    (0xFB38, 0xFB3C), (0xFB3E, 0xFB3E), (0xFB40, 0xFB41), (0xFB43, 0xFB44), (0xFB46, 0xFBB1), (0xFBD3, 0xFD3D),
    (0xFD50, 0xFD8F), (0xFD92, 0xFDC7), (0xFDF0, 0xFDFB), (0xFE70, 0xFE74), (0xFE76, 0xFEFC), (0xFF10, 0xFF19),
    (0xFF21, 0xFF3A), (0xFF41, 0xFF5A), (0xFF66, 0xFFBE), (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF), (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC), (0x10000, 0x1000B), (0x1000D, 0x10026), (0x10028, 0x1003A), (0x1003C, 0x1003D), (0x1003F, 0x1004D),
    (0x10050, 0x1005D), (0x10080, 0x100FA), (0x10107, 0x10133), (0x10140, 0x10178), (0x1018A, 0x1018B), (0x10280, 0x1029C),
    (0x102A0, 0x102D0), (0x102E1, 0x102FB), (0x10300, 0x10323), (0x1032D, 0x1034A), (0x10350, 0x10375), (0x10380, 0x1039D),
    (0x103A0, 0x103C3), (0x103C8, 0x103CF), (0x103D1, 0x103D5), (0x10400, 0x1049D), (0x104A0, 0x104A9), (0x104B0, 0x104D3),
    (0x104D8, 0x104FB), (0x10500, 0x10527), (0x10530, 0x10563), (0x10570, 0x1057A), (0x1057C, 0x1058A), (0x1058C, 0x10592),
    (0x10594, 0x10595), (0x10597, 0x105A1), (0x105A3, 0x105B1), (0x105B3, 0x105B9), (0x105BB, 0x105BC), (0x10600, 0x10736),
    (0x10740, 0x10755), (0x10760, 0x10767), (0x10780, 0x10785), (0x10787, 0x107B0), (0x107B2, 0x107BA), (0x10800, 0x10805),
    (0x10808, 0x10808), (0x1080A, 0x10835), (0x10837, 0x10838), (0x1083C, 0x1083C), (0x1083F, 0x10855), (0x10858, 0x10876),
    (0x10879, 0x1089E), (0x108A7, 0x108AF), (0x108E0, 0x108F2), (0x108F4, 0x108F5), (0x108FB, 0x1091B), (0x10920, 0x10939),
    (0x10980, 0x109B7), (0x109BC, 0x109CF), (0x109D2, 0x10A00), (0x10A10, 0x10A13), (0x10A15, 0x10A17), (0x10A19, 0x10A35),
    (0x10A40, 0x10A48), (0x10A60, 0x10A7E), (0x10A80, 0x10A9F), (0x10AC0, 0x10AC7), (0x10AC9, 0x10AE4), (0x10AEB, 0x10AEF),
    (0x10B00, 0x10B35), (0x10B40, 0x10B55), (0x10B58, 0x10B72), (0x10B78, 0x10B91), (0x10BA9, 0x10BAF), (0x10C00, 0x10C48),
    (0x10C80, 0x10CB2), (0x10CC0, 0x10CF2), (0x10CFA, 0x10D23), (0x10D30, 0x10D39), (0x10E60, 0x10E7E), (0x10E80, 0x10EA9),
    (0x10EB0, 0x10EB1), (0x10F00, 0x10F27), (0x10F30, 0x10F45), (0x10F51, 0x10F54), (0x10F70, 0x10F81), (0x10FB0, 0x10FCB),
    (0x10FE0, 0x10FF6), (0x11003, 0x11037), (0x11052, 0x1106F), (0x11071, 0x11072), (0x11075, 0x11075), (0x11083, 0x110AF),
    (0x110D0, 0x110E8), (0x110F0, 0x110F9), (0x11103, 0x11126), (0x11136, 0x1113F), (0x11144, 0x11144), (0x11147, 0x11147),
    (0x11150, 0x11172), (0x11176, 0x11176), (0x11183, 0x111B2), (0x111C1, 0x111C4), (0x111D0, 0x111DA), (0x111DC, 0x111DC),
    (0x111E1, 0x111F4), (0x11200, 0x11211), (0x11213, 0x1122B), (0x11280, 0x11286), (0x11288, 0x11288), (0x1128A, 0x1128D),
    (0x1128F, 0x1129D), (0x1129F, 0x112A8), (0x112B0, 0x112DE), (0x112F0, 0x112F9), (0x11305, 0x1130C), (0x1130F, 0x11310),
    (0x11313, 0x11328), (0x1132A, 0x11330), (0x11332, 0x11333), (0x11335, 0x11339), (0x1133D, 0x1133D), (0x11350, 0x11350),
    (0x1135D, 0x11361), (0x11400, 0x11434), (0x11447, 0x1144A), (0x11450, 0x11459), (0x1145F, 0x11461), (0x11480, 0x114AF),
    (0x114C4, 0x114C5), (0x114C7, 0x114C7), (0x114D0, 0x114D9), (0x11580, 0x115AE), (0x115D8, 0x115DB), (0x11600, 0x1162F),
    (0x11644, 0x11644), (0x11650, 0x11659), (0x11680, 0x116AA), (0x116B8, 0x116B8), (0x116C0, 0x116C9), (0x11700, 0x1171A),
    (0x11730, 0x1173B), (0x11740, 0x11746), (0x11800, 0x1182B), (0x118A0, 0x118F2), (0x118FF, 0x11906), (0x11909, 0x11909),
    (0x1190C, 0x11913), (0x11915, 0x11916), (0x11918, 0x1192F), (0x1193F, 0x1193F), (0x11941, 0x11941), (0x11950, 0x11959),
    (0x119A0, 0x119A7), (0x119AA, 0x119D0), (0x119E1, 0x119E1), (0x119E3, 0x119E3), (0x11A00, 0x11A00), (0x11A0B, 0x11A32),
    (0x11A3A, 0x11A3A), (0x11A50, 0x11A50), (0x11A5C, 0x11A89), (0x11A9D, 0x11A9D), (0x11AB0, 0x11AF8), (0x11C00, 0x11C08),
    (0x11C0A, 0x11C2E), (0x11C40, 0x11C40), (0x11C50, 0x11C6C), (0x11C72, 0x11C8F), (0x11D00, 0x11D06), (0x11D08, 0x11D09),
    (0x11D0B, 0x11D30), (0x11D46, 0x11D46), (0x11D50, 0x11D59), (0x11D60, 0x11D65), (0x11D67, 0x11D68), (0x11D6A, 0x11D89),
    (0x11D98, 0x11D98), (0x11DA0, 0x11DA9), (0x11EE0, 0x11EF2), (0x11FB0, 0x11FB0), (0x11FC0, 0x11FD4), (0x12000, 0x12399),
    (0x12400, 0x1246E), (0x12480, 0x12543), (0x12F90, 0x12FF0), (0x13000, 0x1342E), (0x14400, 0x14646), (0x16800, 0x16A38),
    (0x16A40, 0x16A5E), (0x16A60, 0x16A69), (0x16A70, 0x16ABE), (0x16AC0, 0x16AC9), (0x16AD0, 0x16AED), (0x16B00, 0x16B2F),
    (0x16B40, 0x16B43), (0x16B50, 0x16B59), (0x16B5B, 0x16B61), (0x16B63, 0x16B77), (0x16B7D, 0x16B8F), (0x16E40, 0x16E96),
    (0x16F00, 0x16F4A), (0x16F50, 0x16F50), (0x16F93, 0x16F9F), (0x16FE0, 0x16FE1), (0x16FE3, 0x16FE3), (0x17000, 0x187F7),
    (0x18800, 0x18CD5), (0x18D00, 0x18D08), (0x1AFF0, 0x1AFF3), (0x1AFF5, 0x1AFFB), (0x1AFFD, 0x1AFFE), (0x1B000, 0x1B122),
    (0x1B150, 0x1B152), (0x1B164, 0x1B167), (0x1B170, 0x1B2FB), (0x1BC00, 0x1BC6A), (0x1BC70, 0x1BC7C), (0x1BC80, 0x1BC88),
    (0x1BC90, 0x1BC99), (0x1D2E0, 0x1D2F3), (0x1D360, 0x1D378), (0x1D400, 0x1D454), (0x1D456, 0x1D49C), (0x1D49E, 0x1D49F),
    (0x1D4A2, 0x1D4A2), (0x1D4A5, 0x1D4A6), (0x1D4A9, 0x1D4AC), (0x1D4AE, 0x1D4B9), (0x1D4BB, 0x1D4BB), (0x1D4BD, 0x1D4C3),
    (0x1D4C5, 0x1D505), (0x1D507, 0x1D50A), (0x1D50D, 0x1D514), (0x1D516, 0x1D51C), (0x1D51E, 0x1D539), (0x1D53B, 0x1D53E),
    (0x1D540, 0x1D544), (0x1D546, 0x1D546), (0x1D54A, 0x1D550), (0x1D552, 0x1D6A5), (0x1D6A8, 0x1D6C0), (0x1D6C2, 0x1D6DA),
    (0x1D6DC, 0x1D6FA), (0x1D6FC, 0x1D714), (0x1D716, 0x1D734), (0x1D736, 0x1D74E), (0x1D750, 0x1D76E), (0x1D770, 0x1D788),
    (0x1D78A, 0x1D7A8), (0x1D7AA, 0x1D7C2), (0x1D7C4, 0x1D7CB), (0x1D7CE, 0x1D7FF), (0x1DF00, 0x1DF1E), (0x1E100, 0x1E12C),
    (0x1E137, 0x1E13D), (0x1E140, 0x1E149), (0x1E14E, 0x1E14E), (0x1E290, 0x1E2AD), (0x1E2C0, 0x1E2EB), (0x1E2F0, 0x1E2F9),
    (0x1E7E0, 0x1E7E6), (0x1E7E8, 0x1E7EB), (0x1E7ED, 0x1E7EE), (0x1E7F0, 0x1E7FE), (0x1E800, 0x1E8C4), (0x1E8C7, 0x1E8CF),
    (0x1E900, 0x1E943), (0x1E94B, 0x1E94B), (0x1E950, 0x1E959), (0x1EC71, 0x1ECAB), (0x1ECAD, 0x1ECAF), (0x1ECB1, 0x1ECB4),
    (0x1ED01, 0x1ED2D), (0x1ED2F, 0x1ED3D), (0x1EE00, 0x1EE03), (0x1EE05, 0x1EE1F), (0x1EE21, 0x1EE22), (0x1EE24, 0x1EE24),
    (0x1EE27, 0x1EE27), (0x1EE29, 0x1EE32), (0x1EE34, 0x1EE37), (0x1EE39, 0x1EE39), (0x1EE3B, 0x1EE3B), (0x1EE42, 0x1EE42),
    (0x1EE47, 0x1EE47), (0x1EE49, 0x1EE49), (0x1EE4B, 0x1EE4B), (0x1EE4D, 0x1EE4F), (0x1EE51, 0x1EE52), (0x1EE54, 0x1EE54),
    (0x1EE57, 0x1EE57), (0x1EE59, 0x1EE59), (0x1EE5B, 0x1EE5B), (0x1EE5D, 0x1EE5D), (0x1EE5F, 0x1EE5F), (0x1EE61, 0x1EE62),
    (0x1EE64, 0x1EE64), (0x1EE67, 0x1EE6A), (0x1EE6C, 0x1EE72), (0x1EE74, 0x1EE77), (0x1EE79, 0x1EE7C), (0x1EE7E, 0x1EE7E),
    (0x1EE80, 0x1EE89), (0x1EE8B, 0x1EE9B), (0x1EEA1, 0x1EEA3), (0x1EEA5, 0x1EEA9), (0x1EEAB, 0x1EEBB), (0x1F100, 0x1F10C),
    (0x1FBF0, 0x1FBF9), (0x20000, 0x2A6DF), (0x2A700, 0x2B738), (0x2B740, 0x2B81D), (0x2B820, 0x2CEA1), (0x2CEB0, 0x2EBE0),
    (0x2F800, 0x2FA1D), (0x30000, 0x3134A),
];

fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Python `\w` (`str.isalnum() or c == "_"`).
fn is_py_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        in_ranges(PY_WORD, c)
    }
}

fn class_of(ranges: &[(u32, u32)]) -> String {
    let mut out = String::from("[");
    for &(lo, hi) in ranges {
        if lo == hi {
            out.push_str(&format!("\\x{{{:X}}}", lo));
        } else {
            out.push_str(&format!("\\x{{{:X}}}-\\x{{{:X}}}", lo, hi));
        }
    }
    out.push(']');
    out
}

/// A pattern written in Python's syntax, its `\d` `\s` `\S` `\w` meaning what they mean in
/// Python: each is replaced by an explicit class (nested classes are valid inside a class
/// too: `[^\d\s]` becomes `[^[..][..]]`).
fn py_re(pattern: &str) -> Regex {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('d') => out.push_str(&format!("[{}]", PY_D)),
            Some('w') => out.push_str(&class_of(PY_WORD)),
            Some('s') => out.push_str(&format!("[{}]", PY_S)),
            Some('S') => out.push_str(&format!("[^{}]", PY_S)),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    Regex::new(&out).unwrap_or_else(|e| panic!("bad pattern {pattern}: {e}"))
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
}

/// `_HAN_RE.search(s)`
fn has_han(s: &str) -> bool {
    s.chars().any(is_han)
}

/// `len(s.split())`
fn py_split_count(s: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in s.chars() {
        if is_py_space(c) {
            in_word = false;
        } else if !in_word {
            in_word = true;
            count += 1;
        }
    }
    count
}

/// `s.endswith(_SENTENCE_ENDS)`; `_SENTENCE_ENDS = ("。", ";", "!", "?", "…", ":", "。”", "!”", "?”")`
fn ends_sentence(s: &str) -> bool {
    let mut rev = s.chars().rev();
    match rev.next() {
        Some('。' | ';' | '!' | '?' | '…' | ':') => true,
        Some('”') => matches!(rev.next(), Some('。' | '!' | '?')),
        _ => false,
    }
}

// ------------------------------------------------------------------------------ patterns

const HAN: &str = r"\x{3400}-\x{9FFF}";

/// The patterns of loaders/clean.py, compiled once. Names are those of the Python constants
/// without `_` and `_RE`; the verbose ones are written compact (checked against Python's
/// parse of the originals). `first_char_guard` only adds a speed lookahead: dropped.
struct Patterns {
    entity: Regex,
    leading_packaging: Regex,
    tag: Regex,
    nth_piece: Regex,
    /// `_WORD_COUNT_RE` = `(?<=[^\d\s])(?:\s+\d{3,6}字)+$`: the look-behind character is
    /// consumed as group 1 instead; the match (one at most: it ends at `$`) is cut after it.
    word_count: Regex,
    /// `_FILE_SUFFIX_RE` with IGNORECASE spelt out: Python's IGNORECASE also lets `s`
    /// match `ſ` (U+017F); no other letter here has a non-ASCII case partner.
    file_suffix: Regex,
    meta_hint: Regex,
    meta_strong: Regex,
    meta_source: Regex,
    site_source: Regex,
    meta_weak: Regex,
    spaces: Regex,
    bullet: Regex,
    /// `_DEBRIS_START_RE`, but for its branch `(?:文件)?(?:大小|页数|格式|字数)\s*:\s*[\w.]{1,12}$`
    /// (Python's `\w`: a class too large for the regex's lazy DFA), tested by `file_card`,
    /// and for the branches that reach the line's end, each its own pattern behind a test
    /// of a character or word every match holds (see `debris_start`): with them, the lazy
    /// DFA met new states on almost every line.
    debris_start: Regex,
    /// `(?:第\s*\d+\s*页)?\s*[,/]?\s*(?:共\s*)?\d+\s*页$`: ends in 页.
    page_count: Regex,
    /// `\d+(?:\.\d+)?\s*[KMGkmg][Bb]$`: ends in B or b.
    file_size: Regex,
    /// The truncation note `…(?:已省略|当前显示|全文共|剩余)\d+字…$`: holds 字.
    truncation_note: Regex,
    /// The contact line `…(?:QQ|qq|微信)…$`.
    contact: Regex,
    /// An entry of a list of links, `… 2019-12-20`: ends in a digit.
    dated_link: Regex,
    /// The head of that branch: `(?:文件)?(?:大小|页数|格式|字数)\s*:\s*`.
    file_card: Regex,
    debris_anywhere: Regex,
    listed_title: Regex,
    site_talk: Regex,
    quantity: Regex,
    crumb_split: Regex,
    title_word: Regex,
    page_mark: Regex,
    number_tail: Regex,
    /// `_NUMBER_HEAD_RE` = `(?!(?:19|20)\d{2}年)\d{1,4}(?:\.\d+)?[\u4e00-\u9fff%]`, used with
    /// `match`: the look-ahead is at the start only, so it is `not year_head and number_head`.
    year_head: Regex,
    number_head: Regex,
    page_mark_line: Regex,
    bare_number: Regex,
    /// `_UNIT_GOES_ON_RE` = `(?:%|(?![年月日号])[HAN]{1,3})[，,。；;、]`: the look-ahead only
    /// tests the first Han character, so that character's class excludes 年月日号.
    unit_goes_on: Regex,
    /// `_NUMBER_GOES_ON_RE`, its look-ahead rewritten as in `unit_goes_on`.
    number_goes_on: Regex,
    number_ends: Regex,
    number_cells: Regex,
    indented: Regex,
    /// `_NUMBERED_RE`: its final `(?!\d)` becomes `(?:[^\d]|$)`, the same for a yes/no match.
    numbered: Regex,
}

static RE: Lazy<Patterns> = Lazy::new(|| {
    // `_DATETIME` of the Python
    let date = r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?";
    let datetime = format!(r"{date}(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?");
    let han_not_date = format!(r"[{HAN}--[年月日号]][{HAN}]{{0,2}}");
    Patterns {
        entity: py_re(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#[xX][0-9A-Fa-f]{2,5});"),
        leading_packaging: py_re(r"^(?:(?:编号:\s*\d{5,}|篇[一二三四五六七八九十\d]+\s*:)\s*)+"),
        tag: py_re(r"\[标签:[^\]]{0,30}\]"),
        nth_piece: py_re(r"^第[\d一二三四五六七八九十]+篇\s+(.+?)\s+\d{3,6}字$"),
        word_count: py_re(r"([^\d\s])(?:\s+\d{3,6}字)+$"),
        file_suffix: py_re(
            r"(?:\.(?:[dD][oO][cC][xX]?|[pP][dD][fF]|[wW][pP][sSſ]|[tT][xX][tT]|[pP][pP][tT][xX]?|[xX][lL][sSſ][xX]?|[hH][tT][mM][lL]?))+$",
        ),
        meta_hint: py_re("时间|日期|发布|更新|上传|浏览|阅读|点击|查看|访问|下载|围观|评论|收藏|人气"),
        meta_strong: py_re(&[
            &format!(r"(?:发布|更新|上传|录入|添加|创建|修改|编辑|发稿|成文|生成|印发|公开)?(?:时间|日期)\s*:\s*{datetime}"),
            &format!(r"|{datetime}\s*(?:发布|更新|上传)"),
            // 浏览量:63, 阅读(1234), 阅读:1,208次
            r"|(?:浏览|阅读|点击|查看|访问|下载|围观|评论|收藏|人气)(?:量|数|次数|人数|人次|率)?",
            r"(?:\s*:\s*|\s*\(\s*|\s+)(?:\d{1,3}(?:,\d{3})+|\d+)\s*\)?\s*次?",
        ].concat()),
        meta_source: py_re(r"(?:文章|信息|稿件)?来源\s*:\s*([^\s|【】\[\]]{1,30})"),
        site_source: py_re("网友|本站|互联网|网络|原创|投稿|用户|文库|范文|文档|资料|整理|转载|未知"),
        meta_weak: py_re(concat!(
            r"(?:作者|编辑|责任编辑|责编|发布者|发布人|录入|审核|供稿)\s*:\s*[^\s|【】\[\]]{1,20}",
            r"|【?\s*字[体号]\s*:?\s*(?:[大中小]\s*)*】?",
            r"|【\s*(?:打印|关闭|收藏|分享|大|中|小)[^】]{0,6}】",
            r"|(?:打印本页|关闭窗口|收藏本页|分享到|我要打印|我要纠错)",
            r"|[|【】\[\]]",
        )),
        spaces: py_re(r"[ \t\x0C\x0B]{2,}"),
        bullet: py_re(r"^(?:[-•·*|>]\s*|\d{1,2}\.\s+)+"),
        debris_start: py_re(concat!(
            "^(?:",
            // navigation: breadcrumbs
            r"(?:当前|您的|你的|所在)?位置\s*[:>]",
            r"|首页\s*(?:>|›|»)",
            // previous / next / site functions, alone or followed by a link text
            r"|(?:上一篇|下一篇|上一页|下一页|上一条|下一条|上篇|下篇|返回(?:首页|顶部|列表|目录)",
            r"|打印本页|关闭(?:本页|窗口)|分享到|收藏本页|相关(?:文章|阅读|推荐|文档|搜索|链接|专题)",
            r"|推荐(?:访问|阅读|文章|文档|范文)|热门(?:文章|推荐|标签|搜索)|猜你喜欢|延伸阅读|扩展阅读",
            r"|更多(?:相关|精彩|内容|范文|文章)|点击(?:下载|查看|阅读|进入)|免费下载|立即下载|下载本文档?",
            r"|全文预览已结束|展开阅读全文|查看全文|阅读全文|文档简介|本文(?:关键词|标签)|关\s*键\s*词",
            r"|配套讲稿|特殊限制|标签)(?:\s*[:>»]|\s*$)",
            // a document site's file card: the branch with `[\w.]{1,12}$` is `is_file_card`
            r"|温馨提示\s*:?\s*$",
            r"|\(?请?(?:认真)?阅读[^()]{0,6}提示信息\)?$",
            // site statements and page furniture
            r"|(?:免责|版权|特别)?声明\s*:",
            r"|【?\s*(?:字[体号]\s*:|打印(?:本页|此页)?\s*】|关闭(?:本页|窗口)?\s*】|索引号\s*:)",
            ")",
        )),
        // page and size markers: 第1页 共4页, 4页, 31.29 KB
        page_count: py_re(r"^(?:第\s*\d+\s*页)?\s*[,/]?\s*(?:共\s*)?\d+\s*页$"),
        file_size: py_re(r"^\d+(?:\.\d+)?\s*[KMGkmg][Bb]$"),
        // (the class `[…. ]` holds a space: VERBOSE keeps it in a class)
        truncation_note: py_re(r"^[…. ]*\(?[^()]{0,12}(?:已省略|当前显示|全文共|剩余)\d+字[^()]{0,12}\)?$"),
        contact: py_re(r"^[^,。]{0,12}(?:QQ|qq|微信)(?:号|群)?\s*:?\s*\d{5,}[^,。]{0,6}$"),
        dated_link: py_re(r"^[^。;；]{2,60}?\s(?:19|20)(?:\d{2}|[Xx*]{2})[-/.]\d{1,2}[-/.]\d{1,2}$"),
        file_card: py_re(r"^(?:文件)?(?:大小|页数|格式|字数)\s*:\s*"),
        debris_anywhere: py_re(concat!(
            r"_第\d+页$|Copyright|copyright|COPYRIGHT|©|All Rights Reserved|All rights reserved",
            r"|ICP备|ICP证|ICP\d|公网安备|网安备\d|备案号\s*:|网站标识码|网站识别码",
            r"|为您筛选|为您整理|为您精选|为您收集|请放心下载|分享赚钱"
        )),
        listed_title: py_re(r"\((?:精选|通用|共)?[\d一二三四五六七八九十]+篇\)$|(?:范文|大全)$"),
        site_talk: py_re(concat!(
            r"本站|本网站|小编|网友上传|用户上传|会员分享|由用户提供|上传发布|收益归属|收益全部归",
            r"|网站客服|在线客服|联系客服|咨询客服|客服(?:QQ|qq|老师|热线|电话)",
            r"|供大家参考|仅供参考|欢迎(?:访问|光临|来到|咨询|参考|阅读|下载|您)",
            r"|付费(?:下载|阅读|之前|后)|下载(?:本文|文档|此文|全文)|预览已结束|在线阅读|网站上搜索",
            r"|内容提供方|版权(?:说明|声明|归|所有|争议)|免责声明|侵权请|如有侵权|请联系(?:我们|删除)",
            r"|转载请|未经(?:书面)?(?:授权|许可),?(?:不得|禁止|请勿)(?:转载|复制|使用)",
            r"|不代表本站|禁止商用|word图标|word讲稿|PPT文件|原创文章",
            r"|网站地图|联系我们|关于我们|网站声明|隐私政策|隐私声明|使用帮助|意见反馈|加入收藏|设为首页",
            r"|扫一扫|二维码|主办单位|承办单位|技术支持:",
        )),
        quantity: py_re(concat!(
            r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]{2,})", // not 一个/一次 of prose
            r"\s*(?:多|余|万|亿)*",
            r"(?:元|家|项|件|个|名|人次|人|次|%|亩|吨|公斤|倍|个百分点|场|期|份|台|所|条|户|批|套|座|篇|平方米|公里)",
        )),
        crumb_split: py_re(r"\s*(?:>>?|›|»)\s*"),
        title_word: py_re(
            "总结|计划|报告|要点|规划|材料|工作|汇报|讲话|意见|方案|述职|情况|思路|纪要|通报|成效|公报|答复|科技|科学技术|局",
        ),
        page_mark: py_re(r"^\d{1,3}、"),
        number_tail: py_re(r"[\x{4E00}-\x{9FFF},，]\d{1,4}(?:\.\d*)?$"),
        year_head: py_re(r"^(?:19|20)\d{2}年"),
        number_head: py_re(r"^\d{1,4}(?:\.\d+)?[\x{4E00}-\x{9FFF}%]"),
        page_mark_line: py_re(
            r"^(?:[—–-]+\s*\d{1,3}\s*[—–-]+|第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?)$",
        ),
        bare_number: py_re(r"^\d+(?:[.,]\d+)*$"),
        unit_goes_on: py_re(&format!(r"^(?:%|{han_not_date})[，,。；;、]")),
        number_goes_on: py_re(&format!(
            r"^(?:(?:达到|达|突破|超过|完成|实现|增长|增加|提高|为|共|累计)\s?)?\d+(?:\.\d+)?\s?(?:%|{han_not_date})[，,。；;、]"
        )),
        number_ends: py_re(&format!(r"[{HAN}][^，,。；;、\n]{{0,12}}?\d+(?:\.\d+)?$")),
        number_cells: py_re(r"^[-+]?\d+(?:[.,]\d+)*%?(?:[ \t]+[-+]?\d+(?:[.,]\d+)*%?)+$"),
        indented: py_re(r"^[ \t]+\S"),
        numbered: py_re(
            r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.](?:[^\d]|$))",
        ),
    }
});

// ------------------------------------------------------------------- 1-2. characters

/// `_WIDTH_TABLE` as handed over by Python: code point -> replacement (None: dropped).
struct WidthTable {
    /// Whether a character whose UTF-8 starts with this byte may be a key (Han text, lead
    /// bytes E4-E9, is copied without a look-up).
    may_start: [bool; 256],
    /// Code points below 0x10000: 0 = not in the table, k = `values[k - 1]`.
    bmp: Vec<u16>,
    values: Vec<Option<String>>,
    astral: HashMap<u32, Option<String>>,
    source: HashMap<u32, Option<String>>,
}

impl WidthTable {
    fn new(source: HashMap<u32, Option<String>>) -> PyResult<Self> {
        let mut bmp = vec![0u16; 0x10000];
        let mut values = Vec::new();
        let mut astral = HashMap::new();
        let mut may_start = [false; 256];
        for (&code, value) in &source {
            let Some(key) = char::from_u32(code) else {
                return Err(PyValueError::new_err(format!("width table key {code:#x} is no character")));
            };
            let mut utf8 = [0u8; 4];
            may_start[key.encode_utf8(&mut utf8).as_bytes()[0] as usize] = true;
            if code < 0x10000 {
                values.push(value.clone());
                bmp[code as usize] = u16::try_from(values.len())
                    .map_err(|_| PyValueError::new_err("width table too large"))?;
            } else {
                astral.insert(code, value.clone());
            }
        }
        Ok(WidthTable { may_start, bmp, values, astral, source })
    }

    fn get(&self, c: char) -> Option<&Option<String>> {
        let code = c as u32;
        if code < 0x10000 {
            match self.bmp[code as usize] {
                0 => None,
                k => Some(&self.values[k as usize - 1]),
            }
        } else if self.astral.is_empty() {
            None
        } else {
            self.astral.get(&code)
        }
    }
}

static WIDTH: OnceCell<WidthTable> = OnceCell::new();

/// `_LINE_BREAKS_RE.sub("\n", text)` (`\r\n?|[\u2028\u2029\x85]`), when one is present.
fn normalise_breaks(text: &str) -> Cow<'_, str> {
    // (str searches of a string: SIMD memchr / Two-Way, faster than a pass over each char)
    let has_break = text.contains('\r')
        || text.contains("\u{85}")
        || text.contains("\u{2028}")
        || text.contains("\u{2029}");
    if !has_break {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `_to_half_width`: `text.translate(_WIDTH_TABLE)` (the Python's two passes amount to it:
/// no replacement is itself a key of the table).
fn to_half_width(text: &str, table: &WidthTable) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        let width = match lead {
            0x00..=0x7F => 1,
            0x80..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        if table.may_start[lead as usize] {
            let c = text[i..].chars().next().unwrap_or_default();
            if let Some(value) = table.get(c) {
                out.push_str(&text[copied..i]);
                if let Some(half) = value {
                    out.push_str(half);
                }
                copied = i + width;
            }
        }
        i += width;
    }
    out.push_str(&text[copied..]);
    out
}

/// `_HTML_SNIFF_RE.search(text, 0, 4096)`:
/// `<(?:!doctype|html|head|body|div|p|br|span|table|meta|title)\b`, IGNORECASE, in the first
/// 4096 characters (the text is seen as ending there: `\b` matches at that end).
fn html_sniff(text: &str) -> bool {
    const WORDS: [&str; 11] =
        ["!doctype", "html", "head", "body", "div", "p", "br", "span", "table", "meta", "title"];
    /// Python's IGNORECASE for these letters: ASCII case, and `İ` `ı` match `i`, `ſ` matches `s`.
    fn fold(c: char) -> char {
        match c {
            '\u{130}' | '\u{131}' => 'i',
            '\u{17f}' => 's',
            _ => c.to_ascii_lowercase(),
        }
    }
    if !text.contains('<') {
        return false; // (a memchr, where counting 4096 characters was most of the time)
    }
    let limit = text.char_indices().nth(4096).map_or(text.len(), |(i, _)| i);
    let seen = &text[..limit];
    for (at, _) in seen.match_indices('<') {
        let rest = &seen[at + 1..];
        for word in WORDS {
            let mut chars = rest.chars();
            if word.chars().all(|w| chars.next().map(fold) == Some(w)) {
                // `\b` after the word's last letter: the next character is no word character
                match chars.next() {
                    None => return true,
                    Some(c) if !is_py_word(c) => return true,
                    _ => {}
                }
            }
        }
    }
    false
}

/// Everything `clean_text` does before OpenCC, or None when the Python must do it all
/// (an HTML page, or a character reference: rare, and left to the Python).
fn prepare(text: &str, table: &WidthTable) -> Option<String> {
    let text = normalise_breaks(text);
    // `_html_to_text` then `_unescape_entities`: both leave the text alone unless these hold
    if html_sniff(&text) {
        return None;
    }
    if text.contains('&') && RE.entity.is_match(&text) {
        return None;
    }
    Some(to_half_width(&text, table))
}

// --------------------------------------------------------------------- 4. pinyin glosses

/// `_TONED`: precomposed toned vowels and the combining tone marks.
fn is_toned(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ\u{304}\u{301}\u{30c}\u{300}".contains(c)
}

/// `[a-zü]`
fn is_plain_pinyin(c: char) -> bool {
    c.is_ascii_lowercase() || c == 'ü'
}

/// `[_PINYIN_LETTERS]`
fn is_pinyin_letter(c: char) -> bool {
    is_plain_pinyin(c) || is_toned(c)
}

/// The maximal run of pinyin letters at byte `at`: (characters, end byte).
fn pinyin_run(s: &str, at: usize) -> (usize, usize) {
    let mut n = 0;
    let mut end = at;
    for c in s[at..].chars() {
        if !is_pinyin_letter(c) {
            break;
        }
        n += 1;
        end += c.len_utf8();
    }
    (n, end)
}

/// `_GLOSS_INSIDE` matched at byte `at` (right after a `(`): its end, or None.
///
/// `\ ?(?=[a-zü]*[TONED])[L]{1,9}(?:[\ '][L]{1,9}){0,3}\ ?\)`. Neither a space, `'` nor `)`
/// is a letter, so every backtracking path fails unless each syllable is a whole run of
/// 1-9 letters: the match is the greedy parse below, or none.
fn gloss_inside(s: &str, mut at: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    if bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    // the look-ahead: plain letters, then a tone mark
    let mut chars = s[at..].chars();
    loop {
        match chars.next() {
            Some(c) if is_plain_pinyin(c) => continue,
            Some(c) if is_toned(c) => break,
            _ => return None,
        }
    }
    let (n, end) = pinyin_run(s, at);
    if !(1..=9).contains(&n) {
        return None;
    }
    at = end;
    let mut syllables = 1;
    while syllables < 4 {
        if let Some(b' ' | b'\'') = bytes.get(at) {
            let (n, end) = pinyin_run(s, at + 1);
            if (1..=9).contains(&n) {
                at = end;
                syllables += 1;
                continue;
            }
        }
        break;
    }
    if bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    if bytes.get(at) == Some(&b')') {
        Some(at + 1)
    } else {
        None
    }
}

/// `_PINYIN_GLOSS_RE.sub("", text)`: a `(` right after a Han character (the look-behind),
/// a gloss, and any glosses right after it.
fn strip_pinyin_glosses(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = text[from..].find('(') {
        let open = from + found;
        from = open + 1;
        if !text[..open].chars().next_back().map_or(false, is_han) {
            continue;
        }
        if let Some(mut end) = gloss_inside(text, open + 1) {
            while bytes.get(end) == Some(&b'(') {
                match gloss_inside(text, end + 1) {
                    Some(next) => end = next,
                    None => break,
                }
            }
            out.push_str(&text[copied..open]);
            copied = end;
            from = end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

// ------------------------------------------------------------------------------ 5. debris

/// `_strip_metadata`
fn strip_metadata(line: &str) -> Vec<String> {
    if !RE.meta_hint.is_match(line) || !RE.meta_strong.is_match(line) {
        return vec![line.to_string()];
    }
    let rest = RE.meta_strong.replace_all(line, NoExpand(" "));
    let mut kept = Vec::new();
    for caps in RE.meta_source.captures_iter(&rest) {
        let source = &caps[1];
        if !RE.site_source.is_match(source) {
            kept.push(format!("来源:{source}"));
        }
    }
    let rest = RE.meta_source.replace_all(&rest, NoExpand(" "));
    let rest = RE.meta_weak.replace_all(&rest, NoExpand(" "));
    let rest = RE.spaces.replace_all(&rest, NoExpand(" "));
    let rest = rest.trim_matches([' ', ':', ',', '-', '|']);
    let mut out = Vec::with_capacity(kept.len() + 1);
    // a field label left over (生成, 信息) is dropped
    if has_han(rest) && char_len(rest) > 3 {
        out.push(rest.to_string());
    }
    out.extend(kept);
    out
}

/// `_strip_fragments` (on a stripped, non-empty line)
fn strip_fragments(line: &str) -> Vec<String> {
    let mut line = line.to_string();
    if line.starts_with("编号") || line.starts_with('篇') {
        line = RE.leading_packaging.replacen(&line, 1, NoExpand("")).into_owned();
    }
    if line.contains("[标签") {
        line = RE.tag.replace_all(&line, NoExpand("")).into_owned();
    }
    if line.ends_with('字') {
        // `_NTH_PIECE_RE.sub(r"\1", line)`: anchored at both ends, the match is the line
        if let Some(caps) = RE.nth_piece.captures(&line) {
            line = caps[1].to_string();
        }
        if let Some(caps) = RE.word_count.captures(&line) {
            let cut = caps.get(1).map_or(0, |m| m.end());
            line.truncate(cut);
        }
    }
    let line = line.trim_matches([' ', '|']);
    if char_len(line) > SHORT_LINE_CHARS {
        return vec![line.to_string()];
    }
    strip_metadata(line)
        .into_iter()
        .filter(|part| !part.is_empty())
        .map(|part| {
            if part.contains('.') && char_len(&part) <= 60 {
                RE.file_suffix.replace(&part, NoExpand("")).into_owned()
            } else {
                part
            }
        })
        .collect()
}

const SHORT_LINE_CHARS: usize = 200;

/// `_is_crumb`: `_CRUMB_SPLIT_RE.split(line)` gives 3+ parts of at most 40 characters.
fn is_crumb(line: &str) -> bool {
    if char_len(line) > 150 || line.contains('。') {
        return false;
    }
    let mut parts = 1;
    let mut start = 0;
    for m in RE.crumb_split.find_iter(line) {
        if char_len(&line[start..m.start()]) > 40 {
            return false;
        }
        parts += 1;
        start = m.end();
    }
    parts >= 3 && char_len(&line[start..]) <= 40
}

/// The branch `(?:文件)?(?:大小|页数|格式|字数)\s*:\s*[\w.]{1,12}$` of `_DEBRIS_START_RE`
/// (`大小:20.15KB`, `格式:DOCX`). No space is `\w` or `.`, so `\s*` takes all the spaces on
/// any path that matches: the rest of the line must be 1-12 word characters or dots.
fn is_file_card(bare: &str) -> bool {
    match RE.file_card.find(bare) {
        Some(head) => {
            let rest = &bare[head.end()..];
            let n = char_len(rest);
            (1..=12).contains(&n) && rest.chars().all(|c| c == '.' || is_py_word(c))
        }
        None => false,
    }
}

/// `[-/.]\d{1,2}$` holds (the end of `dated_link`).
fn ends_in_date(line: &str) -> bool {
    let mut back = line.chars().rev();
    back.next().map_or(false, is_pd)
        && match back.next() {
            Some('-' | '/' | '.') => true,
            Some(c) if is_pd(c) => matches!(back.next(), Some('-' | '/' | '.')),
            _ => false,
        }
}

/// `_DEBRIS_START_RE.match(bare)`: for a yes or no the branches may be tried one by one,
/// and most lines hold none of the characters or words that the end-anchored ones need.
fn debris_start(bare: &str) -> bool {
    if RE.debris_start.is_match(bare) || is_file_card(bare) {
        return true;
    }
    let last = bare.chars().next_back();
    (last == Some('页') && RE.page_count.is_match(bare))
        || (matches!(last, Some('B' | 'b')) && RE.file_size.is_match(bare))
        || (ends_in_date(bare) && RE.dated_link.is_match(bare))
        || (bare.contains('字')
            && ["已省略", "当前显示", "全文共", "剩余"].iter().any(|w| bare.contains(w))
            && RE.truncation_note.is_match(bare))
        || ((memchr::memchr2(b'Q', b'q', bare.as_bytes()).is_some() || bare.contains("微信"))
            && RE.contact.is_match(bare))
}

/// `is_debris_line` (on a stripped, non-empty line)
fn is_debris_line(line: &str) -> bool {
    if !has_han(line) {
        return true;
    }
    if char_len(line) > SHORT_LINE_CHARS {
        return false;
    }
    // (each bullet opens with one of these: no search on the other lines)
    let may_bullet = line.chars().next().map_or(false, |c| "-•·*|>".contains(c) || is_pd(c));
    let bullet = if may_bullet { RE.bullet.find(line).map(|m| m.end()) } else { None };
    let bare = &line[bullet.unwrap_or(0)..];
    if debris_start(bare) || RE.debris_anywhere.is_match(bare) {
        return true;
    }
    if bare.contains(['>', '›', '»']) && is_crumb(bare) {
        return true;
    }
    if bullet.is_some() && RE.listed_title.is_match(bare) {
        return true;
    }
    // (`listing` is only read when the line holds site talk: made only then)
    RE.site_talk.is_match(bare) && {
        let listing = RE.listed_title.replace_all(bare, NoExpand(""));
        !RE.quantity.is_match(&listing)
    }
}

/// `_is_weak`
fn is_weak(line: &str, max_chars: usize) -> bool {
    char_len(line) <= max_chars
        && !RE.quantity.is_match(line)
        && !line.contains(['。', ';', '!', '?'])
}

/// `_drop_zone_debris`
fn drop_zone_debris(lines: &[String], debris: &[bool]) -> Vec<bool> {
    const WEAK_MAX_CHARS: usize = 30;
    const HEAD_WEAK_MAX_CHARS: usize = 12;
    let mut drop = debris.to_vec();
    let mut head = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() || debris[i] {
            head.push(i);
            continue;
        }
        if is_weak(line, HEAD_WEAK_MAX_CHARS)
            && !RE.title_word.is_match(line)
            && !line.chars().any(is_pd)
        {
            head.push(i);
            continue;
        }
        break;
    }
    if let Some(last_debris) = head.iter().copied().filter(|&i| debris[i]).max() {
        for &i in &head {
            if i < last_debris {
                drop[i] = true;
            }
        }
    }
    let mut tail = Vec::new();
    for i in (0..lines.len()).rev() {
        if lines[i].is_empty() || debris[i] || is_weak(&lines[i], WEAK_MAX_CHARS) {
            tail.push(i);
            continue;
        }
        break;
    }
    if let Some(first_debris) = tail.iter().copied().filter(|&i| debris[i]).min() {
        for &i in &tail {
            if i > first_debris {
                drop[i] = true;
            }
        }
    }
    drop
}

/// `_join_page_chunks`
fn join_page_chunks(mut lines: Vec<String>) -> Vec<String> {
    const PAGE_MIN_CHARS: usize = 100;
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let mut end = i + 1;
        if lines[i].starts_with("1、") {
            while end < lines.len()
                && lines[end].starts_with(&format!("{}、", end - i + 1))
                && char_len(&lines[end - 1]) >= PAGE_MIN_CHARS
                && !ends_sentence(&lines[end - 1])
            {
                end += 1;
            }
        }
        if end - i >= 2 {
            let mut joined = String::new();
            for line in &lines[i..end] {
                joined.push_str(&RE.page_mark.replacen(line, 1, NoExpand("")));
            }
            out.push(joined);
        } else {
            out.push(std::mem::take(&mut lines[i]));
        }
        i = end;
    }
    out
}

/// `_drop_page_marks`
fn drop_page_marks(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut skip_blank = false;
    for line in lines {
        // (each page mark opens with one of these: no search on the other lines)
        let may_mark = line.starts_with(['—', '–', '-', '第']);
        if may_mark && RE.page_mark_line.is_match(&line) {
            skip_blank = out.last().map_or(false, |l| l.is_empty());
            continue;
        }
        if skip_blank && line.is_empty() {
            skip_blank = false;
            continue;
        }
        skip_blank = false;
        out.push(line);
    }
    out
}

/// `_join_broken_numbers`
fn join_broken_numbers(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut tail = String::new();
    for line in lines {
        if !out.is_empty()
            && RE.number_tail.is_match(&tail)
            && !RE.year_head.is_match(&line)
            && RE.number_head.is_match(&line)
        {
            tail.push_str(&line);
            tail = last_chars(&tail, 5).to_string();
            out.last_mut().unwrap().push_str(&line);
        } else {
            tail = last_chars(&line, 5).to_string();
            out.push(line);
        }
    }
    out
}

/// `_join_numbers_inside_sentences`
fn join_numbers_inside_sentences(lines: Vec<String>) -> Vec<String> {
    const NUMBER_END_CHARS: usize = 40;
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let last = out.last().map(|l| l.as_str()).unwrap_or("");
        let last_char = last.chars().next_back();
        let runs_on = last_char.map_or(false, is_han);
        if runs_on
            && i + 1 < lines.len()
            && !lines[i + 1].is_empty()
            && RE.bare_number.is_match(line)
            && RE.unit_goes_on.is_match(&lines[i + 1])
        {
            let joined = out.last_mut().unwrap();
            joined.push_str(line);
            joined.push_str(&lines[i + 1]);
            i += 2;
            continue;
        }
        // `out[-1][-1].isdigit()`: a digit that is not decimal (`²`) fails `_NUMBER_ENDS_RE`
        // (which ends in `\d`) anyway, so testing for a decimal gives the same answer
        if !line.is_empty()
            && !last.is_empty()
            && ((runs_on && RE.number_goes_on.is_match(line))
                || (last_char.map_or(false, is_pd)
                    && RE.unit_goes_on.is_match(line)
                    && RE.number_ends.is_match(last_chars(last, NUMBER_END_CHARS))))
        {
            out.last_mut().unwrap().push_str(line);
            i += 1;
            continue;
        }
        out.push(line.clone());
        i += 1;
    }
    out
}

/// `_keep_table_rows`
fn keep_table_rows(lines: &[String], debris: &[bool]) -> Vec<bool> {
    let mut kept = debris.to_vec();
    let mut width = 0;
    for (i, line) in lines.iter().enumerate() {
        // `cells = len(line.split())`, counted only where it is read (the same answers)
        if debris[i] {
            if width != 0 && py_split_count(line) == width && RE.number_cells.is_match(line) {
                kept[i] = false;
                continue;
            }
            width = 0;
        } else if char_len(line) <= SHORT_LINE_CHARS && has_han(line) {
            let cells = py_split_count(line);
            width = if cells >= 2 { cells } else { 0 };
        } else {
            width = 0;
        }
    }
    kept
}

/// `_unwrap_indented_paragraphs`: None when it leaves the lines as they are.
fn unwrap_indented_paragraphs(lines: &[&str]) -> Option<Vec<String>> {
    const WRAPPED_MIN_CHARS: usize = 15;
    const WRAPPED_MIN_JOINS: usize = 2;
    const ROW_CELLS: usize = 3;
    let mut joined = vec![false; lines.len()];
    let mut joins = 0;
    let mut in_paragraph = false;
    for (i, line) in lines.iter().enumerate() {
        let stripped = py_strip(line);
        if stripped.is_empty() {
            in_paragraph = false;
            continue;
        }
        if RE.indented.is_match(line) {
            in_paragraph = true;
        }
        if in_paragraph
            && i + 1 < lines.len()
            && char_len(stripped) >= WRAPPED_MIN_CHARS
            && !ends_sentence(stripped)
            && !py_strip(lines[i + 1]).is_empty()
            && !RE.indented.is_match(lines[i + 1])
            && !RE.numbered.is_match(lines[i + 1])
            && py_split_count(stripped) < ROW_CELLS
            && py_split_count(lines[i + 1]) < ROW_CELLS
        {
            joined[i] = true;
            joins += 1;
        }
    }
    if joins < WRAPPED_MIN_JOINS {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if i >= 1 && joined[i - 1] {
            let last = out.last_mut().unwrap();
            let keep = last.trim_end_matches(is_py_space).len();
            last.truncate(keep);
            last.push_str(py_strip(line));
        } else {
            out.push(line.to_string());
        }
    }
    Some(out)
}

/// `_DOUBLE_SPACE_RE.sub(" ", line)` (` {2,}`), written out: the search for two spaces is
/// a memchr, where the regex cost a search of its own on every line.
fn collapse_spaces(line: &str) -> Cow<'_, str> {
    let Some(first) = line.find("  ") else {
        return Cow::Borrowed(line);
    };
    let mut out = String::with_capacity(line.len());
    out.push_str(&line[..first]);
    let mut after_space = false; // (the character before `first` is no space)
    for c in line[first..].chars() {
        if c != ' ' || !after_space {
            out.push(c);
        }
        after_space = c == ' ';
    }
    Cow::Owned(out)
}

/// `_clean_lines`
fn clean_lines(text: &str) -> String {
    let raw: Vec<&str> = text.split('\n').collect();
    let unwrapped = if text.contains("\n ") || text.contains("\n\t") {
        unwrap_indented_paragraphs(&raw)
    } else {
        None
    };
    let raw_lines: Vec<&str> = match &unwrapped {
        Some(lines) => lines.iter().map(String::as_str).collect(),
        None => raw,
    };
    let spaced = text.contains("  ");
    let mut lines: Vec<String> = Vec::with_capacity(raw_lines.len());
    for raw in raw_lines {
        let collapsed = if spaced { collapse_spaces(raw) } else { Cow::Borrowed(raw) };
        let line = py_strip(&collapsed);
        if line.is_empty() {
            lines.push(String::new());
        } else {
            lines.extend(strip_fragments(line));
        }
    }
    let lines = join_numbers_inside_sentences(join_broken_numbers(join_page_chunks(
        drop_page_marks(lines),
    )));
    let debris: Vec<bool> = lines.iter().map(|l| !l.is_empty() && is_debris_line(l)).collect();
    let debris = keep_table_rows(&lines, &debris);
    let drop = drop_zone_debris(&lines, &debris);

    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    let mut previous: Option<&str> = None; // last non-blank line kept
    for (line, &dropped) in lines.iter().zip(&drop) {
        if dropped {
            continue;
        }
        if line.is_empty() {
            if out.last().map_or(false, |l| !l.is_empty()) {
                out.push("");
            }
            continue;
        }
        if previous == Some(line.as_str()) && char_len(line) <= 60 {
            continue; // the same title or heading repeated
        }
        out.push(line);
        previous = Some(line);
    }
    while out.last() == Some(&"") {
        out.pop();
    }
    out.join("\n")
}

/// The rest of `clean_text` after OpenCC: pinyin glosses, then `_clean_lines`.
fn finish(text: &str) -> String {
    if text.contains('(') {
        clean_lines(&strip_pinyin_glosses(text))
    } else {
        clean_lines(text)
    }
}

// ------------------------------------------------------------------------------- Python

/// `init_clean(loaders.clean._WIDTH_TABLE)`: hand over the width table (once; calling it
/// again with the same table is harmless, with another is an error).
#[pyfunction]
fn init_clean(table: HashMap<u32, Option<String>>) -> PyResult<()> {
    crate::guarded(|| init_width(table))
}

fn init_width(table: HashMap<u32, Option<String>>) -> PyResult<()> {
    let built = WidthTable::new(table)?;
    if let Err(built) = WIDTH.set(built) {
        if WIDTH.get().map(|t| &t.source) != Some(&built.source) {
            return Err(PyValueError::new_err("init_clean: a different width table was already set"));
        }
    }
    Lazy::force(&RE);
    Ok(())
}

/// Twin of `clean_text` up to OpenCC (line breaks, `_html_to_text`, `_unescape_entities`,
/// `_to_half_width`). None when the text is an HTML page or holds a character reference
/// (or cannot be read as UTF-8: lone surrogates): Python then runs `clean_text` itself.
#[pyfunction]
fn clean_prepare(py: Python<'_>, text: &PyString) -> PyResult<Option<String>> {
    let table = WIDTH.get().ok_or_else(|| {
        PyRuntimeError::new_err("call keji_native.init_clean(loaders.clean._WIDTH_TABLE) first")
    })?;
    let text = match text.to_str() {
        Ok(text) => text,
        Err(_) => return Ok(None),
    };
    crate::without_gil(py, || prepare(text, table))
}

/// Twin of `clean_text` after OpenCC: `_PINYIN_GLOSS_RE.sub("", text)` and `_clean_lines`.
#[pyfunction]
fn clean_finish(py: Python<'_>, text: &str) -> PyResult<String> {
    crate::without_gil(py, || finish(text))
}

pub fn register(m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(init_clean, m)?)?;
    m.add_function(wrap_pyfunction!(clean_prepare, m)?)?;
    m.add_function(wrap_pyfunction!(clean_finish, m)?)?;
    Ok(())
}

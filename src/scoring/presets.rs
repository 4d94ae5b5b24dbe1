//! The schemes that ship with lvzhi (see presets/*.toml and the gaps each one states).

/// A preset rule file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Stable name, also the file name without `.toml`.
    pub name: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// The rule file text (TOML).
    pub text: &'static str,
}

static PRESETS: [Preset; 3] = [
    Preset {
        name: "tongcheng-2019",
        title_zh: "桐城市政协委员履职考核（2019）",
        title_en: "Tongcheng CPPCC member duty assessment (2019)",
        text: include_str!("../../presets/tongcheng-2019.toml"),
    },
    Preset {
        name: "minhang",
        title_zh: "闵行区政协委员履职积分",
        title_en: "Minhang District CPPCC member duty points",
        text: include_str!("../../presets/minhang.toml"),
    },
    Preset {
        name: "yanbian-2022",
        title_zh: "延边州政协委员履职积分（2022）",
        title_en: "Yanbian Prefecture CPPCC member duty points (2022)",
        text: include_str!("../../presets/yanbian-2022.toml"),
    },
];

/// The preset schemes.
pub fn presets() -> &'static [Preset] {
    &PRESETS
}

/// A preset by name.
pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

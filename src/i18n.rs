//! The user's language and text that exists in both Chinese and English.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

static ENGLISH: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// A language in force on this thread only (see [`with_lang`]).
    static FORCED: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Language of everything a user reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    #[value(help = pick("中文", "Chinese"))]
    Zh,
    #[value(help = pick("英文", "English"))]
    En,
}

/// Sets the language for the rest of the process.
pub fn set_lang(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

/// Runs `f` with `lang` in force on this thread only; the process-wide language is untouched
/// (the help texts of both languages are built side by side in tests).
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            FORCED.set(self.0);
        }
    }
    let _restore = Restore(FORCED.replace(Some(lang)));
    f()
}

/// The language in force.
pub fn lang() -> Lang {
    if let Some(l) = FORCED.get() {
        return l;
    }
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// A text in both languages; shown in the one in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The text in the language in force.
    pub fn get(&self) -> &str {
        match lang() {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.get())
    }
}

/// Picks between a Chinese and an English string by the language in force.
pub fn pick<'a>(zh: &'a str, en: &'a str) -> &'a str {
    match lang() {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Builds a [`Text`] from two format strings sharing the same arguments.
#[macro_export]
macro_rules! text {
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::i18n::Text::new(format!($zh $(, $arg)*), format!($en $(, $arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_lang_holds_on_this_thread_only_and_ends_with_the_call() {
        let outside = lang();
        let inner = with_lang(Lang::En, || {
            let other = std::thread::spawn(lang).join().unwrap();
            assert_eq!(other, outside, "another thread keeps the process-wide language");
            (
                lang(),
                pick("中", "en"),
                with_lang(Lang::Zh, || pick("中", "en")),
                lang(),
            )
        });
        assert_eq!(inner, (Lang::En, "en", "中", Lang::En));
        assert_eq!(lang(), outside);
    }
}

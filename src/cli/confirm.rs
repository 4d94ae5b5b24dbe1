//! Asking before destroying: a destructive command shows what it will change and asks [y/N]
//! on the terminal; `--yes` answers for scripts; with no terminal and no `--yes` it refuses
//! rather than wait for an answer no one can give.

use std::io::{BufRead, IsTerminal, Write};

use super::Ctx;
use crate::error::{Error, Result};
use crate::i18n::{Text, pick};
use crate::text;

/// How the question is answered.
enum Answer {
    Yes,
    No,
    NoTerminal,
}

fn ask(what: &Text) -> Answer {
    if !std::io::stdin().is_terminal() {
        return Answer::NoTerminal;
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{what}\n{}", pick("确认执行？[y/N] ", "Go ahead? [y/N] "));
    let _ = err.flush();
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return Answer::No;
    }
    match line.trim().to_lowercase().as_str() {
        "y" | "yes" | "是" => Answer::Yes,
        _ => Answer::No,
    }
}

impl Ctx {
    /// Goes ahead only when the person at the terminal says yes to `what` (what will change),
    /// or `--yes` was given; otherwise nothing is written and the command fails (exit 1).
    pub fn confirm(&self, what: Text) -> Result<()> {
        if self.yes {
            return Ok(());
        }
        match ask(&what) {
            Answer::Yes => Ok(()),
            Answer::No => Err(Error::data(text!("已取消，未作修改", "cancelled; nothing was changed"))),
            Answer::NoTerminal => Err(Error::data(text!(
                "{}\n此操作会修改或删除数据，需要确认，但没有终端可以询问；未作修改",
                "{}\nthis changes or deletes records and needs a confirmation, but there is no terminal to ask; nothing was changed",
                what
            ))
            .with_hint(text!(
                "确认无误后加 --yes 重新运行",
                "run it again with --yes once you are sure"
            ))),
        }
    }
}

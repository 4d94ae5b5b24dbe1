//! `lvzhi member add|list|show|edit|leave`.

use super::{Ctx, date_arg};
use crate::domain::codes::{Gender, LeftReason};
use crate::domain::dates::parse_birth;
use crate::error::Result;
use crate::store::members::{self, Filter, MemberEdit, NewMember};
use crate::store::orgs;
use crate::{text, views};

/// Fields shared by `add` and `edit`.
#[derive(clap::Args, Debug, Default)]
pub struct Fields {
    /// 性别：男/女
    #[arg(long)]
    gender: Option<String>,
    /// 民族
    #[arg(long)]
    ethnicity: Option<String>,
    /// 出生年月：1968、1968.05、1968年5月 或 1968-05-12
    #[arg(long)]
    birth: Option<String>,
    /// 党派，如 中共党员、民盟盟员、无党派
    #[arg(long)]
    party: Option<String>,
    /// 工作单位
    #[arg(long)]
    workplace: Option<String>,
    /// 职务
    #[arg(long)]
    title: Option<String>,
    /// 联系电话
    #[arg(long)]
    phone: Option<String>,
    /// 身份证号（按 GB 11643 校验；可推出出生日期和性别）
    #[arg(long)]
    id_number: Option<String>,
    /// 任委员日期
    #[arg(long)]
    joined: Option<String>,
    /// 备注
    #[arg(long)]
    note: Option<String>,
}

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// 添加委员 (add a member)
    Add {
        /// 姓名
        name: String,
        /// 界别
        #[arg(long)]
        sector: String,
        /// 委员编号（不写则自动编为 M0001 起）
        #[arg(long)]
        code: Option<String>,
        /// 是常委（自 --standing-from 或 --joined 起）
        #[arg(long)]
        standing: bool,
        /// 任常委起始日期
        #[arg(long)]
        standing_from: Option<String>,
        #[command(flatten)]
        fields: Fields,
    },
    /// 列出委员 (list members)
    List {
        /// 只列此界别
        #[arg(long)]
        sector: Option<String>,
        /// serving|left|all（在任/离任/全部）
        #[arg(long, default_value = "all", value_parser = ["serving", "left", "all"])]
        status: String,
        /// 只列现任常委
        #[arg(long)]
        standing: bool,
        /// 只列此组织的现有成员
        #[arg(long)]
        org: Option<String>,
        /// 排列顺序：stroke 按姓氏笔画、pinyin 按拼音、code 按编号
        #[arg(long, value_enum, default_value = "code")]
        order: crate::report::Order,
    },
    /// 委员信息及任职经历 (profile and memberships)
    Show {
        /// 编号或姓名
        member: String,
        /// 显示完整的电话和身份证号（记入审计日志）
        #[arg(long)]
        reveal: bool,
    },
    /// 修改委员信息；写空字符串 "" 清除某项 (edit; "" clears a field)
    Edit {
        /// 编号或姓名
        member: String,
        /// 新编号
        #[arg(long)]
        code: Option<String>,
        /// 新姓名
        #[arg(long)]
        name: Option<String>,
        /// 新界别
        #[arg(long)]
        sector: Option<String>,
        #[command(flatten)]
        fields: Fields,
    },
    /// 委员离任 (a member leaves)
    Leave {
        /// 编号或姓名
        member: String,
        /// 离任日期
        #[arg(long)]
        on: String,
        /// resigned|disqualified|deceased|moved|term_ended（辞去委员/撤销委员资格/去世/调离/届满）
        #[arg(long)]
        reason: String,
    },
}

fn opt_gender(v: &Option<String>) -> Result<Option<Gender>> {
    v.as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(Gender::parse)
        .transpose()
}

fn opt_birth(v: &Option<String>) -> Result<Option<String>> {
    v.as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(parse_birth)
        .transpose()
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        Cmd::Add {
            name,
            sector,
            code,
            standing,
            standing_from,
            fields: f,
        } => {
            let joined = f.joined.as_deref().map(|d| date_arg("--joined", d)).transpose()?;
            let standing_from = match standing_from {
                Some(d) => Some(date_arg("--standing-from", &d)?),
                None if standing => Some(joined.ok_or_else(|| {
                    crate::error::Error::usage(text!(
                        "--standing 需要同时写 --standing-from 或 --joined，说明从哪天起任常委",
                        "--standing needs --standing-from or --joined to date the standing membership"
                    ))
                })?),
                None => None,
            };
            let new = NewMember {
                code,
                name,
                gender: opt_gender(&f.gender)?,
                ethnicity: f.ethnicity,
                birth_date: opt_birth(&f.birth)?,
                party: f.party,
                sector,
                workplace: f.workplace,
                title: f.title,
                phone: f.phone,
                id_number: f.id_number,
                joined_on: joined,
                note: f.note,
                standing_from,
            };
            let m = store.write(|w| members::add(w, new))?;
            ctx.tell(text!(
                "已添加委员 {}（{}）",
                "added member {} ({})",
                m.name,
                m.code
            ));
        }
        Cmd::List {
            sector,
            status,
            standing,
            org,
            order,
        } => {
            if order == crate::report::Order::Rank {
                return Err(crate::error::Error::usage(text!(
                    "委员名单没有名次，--order 可用 stroke、pinyin 或 code",
                    "a member list has no ranks: use --order stroke, pinyin or code"
                )));
            }
            let serving = match status.as_str() {
                "serving" => Some(true),
                "left" => Some(false),
                _ => None,
            };
            let mut list = members::list(
                store.conn(),
                &Filter {
                    sector,
                    serving,
                    standing,
                    org,
                },
            )?;
            crate::report::sort_by_name(&mut list, order, |m| &m.code, |m| &m.name);
            ctx.listing(&views::members(&list))?;
        }
        Cmd::Show { member, reveal } => {
            let m = members::resolve(store.conn(), &member)?;
            if reveal {
                store.write(|w| {
                    w.log_event("member", serde_json::json!({"reveal": m.code, "member_id": m.id}))
                })?;
            }
            let history = orgs::memberships(store.conn(), Some(m.id), None)?;
            ctx.doc(&views::member(&m, &history, reveal))?;
        }
        Cmd::Edit {
            member,
            code,
            name,
            sector,
            fields: f,
        } => {
            let m = members::resolve(store.conn(), &member)?;
            let edit = MemberEdit {
                code,
                name,
                gender: f.gender.as_ref().map(|_| opt_gender(&f.gender)).transpose()?,
                ethnicity: f.ethnicity,
                birth_date: f.birth.as_ref().map(|_| opt_birth(&f.birth)).transpose()?,
                party: f.party,
                sector,
                workplace: f.workplace,
                title: f.title,
                phone: f.phone,
                id_number: f.id_number,
                joined_on: f.joined.as_deref().map(|d| date_arg("--joined", d)).transpose()?,
                note: f.note,
            };
            let after = store.write(|w| members::edit(w, &m, edit))?;
            ctx.tell(text!(
                "已修改委员 {}（{}）",
                "updated member {} ({})",
                after.name,
                after.code
            ));
        }
        Cmd::Leave { member, on, reason } => {
            let on = date_arg("--on", &on)?;
            let reason = LeftReason::parse(&reason)?;
            let m = members::resolve(store.conn(), &member)?;
            store.write(|w| members::leave(w, &m, on, reason))?;
            ctx.tell(text!(
                "已登记委员 {}（{}）于 {} 离任：{}",
                "member {} ({}) left on {}: {}",
                m.name,
                m.code,
                on,
                reason.label()
            ));
        }
    }
    Ok(())
}

//! `lvzhi member add|list|show|edit|leave`.

use super::{Ctx, date_arg};
use crate::domain::codes::{Gender, LeftReason};
use crate::domain::dates::parse_birth;
use crate::error::Result;
use crate::i18n::pick;
use crate::store::members::{self, Filter, MemberEdit, NewMember};
use crate::store::orgs;
use crate::{text, views};

/// Fields shared by `add` and `edit`.
#[derive(clap::Args, Debug, Default)]
pub struct Fields {
    #[arg(long, help = pick("性别：男/女", "Gender: male/female"))]
    gender: Option<String>,
    #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("民族", "Ethnic group"))]
    ethnicity: Option<String>,
    #[arg(
        long,
        help = pick(
            "出生年月：1968、1968.05、1968年5月 或 1968-05-12",
            "Date of birth: 1968, 1968.05 or 1968-05-12"
        )
    )]
    birth: Option<String>,
    #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("党派，如 中共党员、民盟盟员、无党派", "Political party, or none"))]
    party: Option<String>,
    #[arg(value_parser = crate::domain::limits::title_arg, long, help = pick("工作单位", "Workplace"))]
    workplace: Option<String>,
    #[arg(value_parser = crate::domain::limits::title_arg, long, help = pick("职务", "Job title"))]
    title: Option<String>,
    #[arg(long, help = pick("联系电话", "Phone number"))]
    phone: Option<String>,
    #[arg(
        long,
        help = pick(
            "身份证号（按 GB 11643 校验；可推出出生日期和性别）",
            "ID card number (checked against GB 11643; gives the date of birth and gender)"
        )
    )]
    id_number: Option<String>,
    #[arg(long, help = pick("任委员日期", "Date of becoming a member"))]
    joined: Option<String>,
    #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("备注", "Note"))]
    note: Option<String>,
}

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick("添加委员", "Add a member"))]
    Add {
        #[arg(value_parser = crate::domain::limits::name_arg, help = pick("姓名", "Name"))]
        name: String,
        #[arg(long, help = pick("界别", "Sector"))]
        sector: String,
        #[arg(value_parser = crate::domain::limits::name_arg,
            long,
            help = pick("委员编号（不写则自动编为 M0001 起）", "Member code (M0001 onwards if not given)")
        )]
        code: Option<String>,
        #[arg(
            long,
            help = pick(
                "是常委（自 --standing-from 或 --joined 起）",
                "Member of the standing committee (from --standing-from or --joined)"
            )
        )]
        standing: bool,
        #[arg(long, help = pick("任常委起始日期", "Date of joining the standing committee"))]
        standing_from: Option<String>,
        #[command(flatten)]
        fields: Fields,
    },
    #[command(about = pick("列出委员", "List the members"))]
    List {
        #[arg(long, help = pick("只列此界别", "Only this sector"))]
        sector: Option<String>,
        #[arg(
            long,
            default_value = "all",
            value_parser = ["serving", "left", "all"],
            help = pick("serving|left|all（在任/离任/全部）", "serving|left|all")
        )]
        status: String,
        #[arg(long, help = pick("只列现任常委", "Only current members of the standing committee"))]
        standing: bool,
        #[arg(long, help = pick("只列此组织的现有成员", "Only current members of this organisation"))]
        org: Option<String>,
        #[arg(
            long,
            value_enum,
            default_value = "code",
            help = pick(
                "排列顺序：stroke 按姓氏笔画、pinyin 按拼音、code 按编号",
                "Order: stroke by surname strokes, pinyin by pinyin, code by member code"
            )
        )]
        order: crate::report::Order,
        #[arg(
            long,
            help = pick(
                "通讯录：编号、姓名、界别、工作单位、职务和联系电话（电话部分隐去，除非加 --reveal）",
                "A contact list: code, name, sector, workplace, title and phone (the phone partly hidden \
                 unless --reveal)"
            )
        )]
        contacts: bool,
        #[arg(
            long,
            requires = "contacts",
            help = pick(
                "通讯录显示完整的电话（记入审计日志）",
                "Show the full phone numbers in the contact list (written to the audit log)"
            )
        )]
        reveal: bool,
        #[command(flatten)]
        out: super::report::OutArgs,
    },
    #[command(about = pick("委员信息及任职经历", "A member's profile and memberships"))]
    Show {
        #[arg(help = pick("编号或姓名", "Code or name"))]
        member: String,
        #[arg(
            long,
            help = pick(
                "显示完整的电话和身份证号（记入审计日志）",
                "Show the full phone and ID card numbers (written to the audit log)"
            )
        )]
        reveal: bool,
    },
    #[command(about = pick(
        "修改委员信息；写空字符串 \"\" 清除某项",
        "Edit a member; an empty string \"\" clears a field"
    ))]
    Edit {
        #[arg(help = pick("编号或姓名", "Code or name"))]
        member: String,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("新编号", "New code"))]
        code: Option<String>,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("新姓名", "New name"))]
        name: Option<String>,
        #[arg(long, help = pick("新界别", "New sector"))]
        sector: Option<String>,
        #[command(flatten)]
        fields: Fields,
    },
    #[command(about = pick("委员离任", "A member leaves"))]
    Leave {
        #[arg(help = pick("编号或姓名", "Code or name"))]
        member: String,
        #[arg(long, help = pick("离任日期", "Date of leaving"))]
        on: String,
        #[arg(
            long,
            help = pick(
                "resigned|disqualified|deceased|moved|term_ended（辞去委员/撤销委员资格/去世/调离/届满）",
                "resigned|disqualified|deceased|moved|term_ended"
            )
        )]
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
            contacts,
            reveal,
            out,
        } => {
            out.check(ctx)?;
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
            if !contacts {
                let l = views::members(&list);
                return ctx.listing_out(&out, &store, text!("委员名单", "Members"), l);
            }
            if reveal {
                store.log_reveal(|w| {
                    for m in &list {
                        w.log_event(
                            "member",
                            serde_json::json!({"reveal": m.code, "member_id": m.id, "report": "contacts"}),
                        )?;
                    }
                    Ok(())
                })?;
            }
            let l = views::contacts(&list, reveal);
            ctx.listing_out(&out, &store, text!("委员通讯录", "Contact list"), l)?;
        }
        Cmd::Show { member, reveal } => {
            let m = members::resolve(store.conn(), &member)?;
            if reveal {
                store.log_reveal(|w| {
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

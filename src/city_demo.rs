//! The city demo (`lvzhi demo --city`): five committees of 忻州市 built by the demo generator
//! with other seeds, sizes and schemes, some years finalised, each sent up as a package and
//! brought into one roll-up. Six members of 代县 also sit on the city committee, and one ID
//! number is given two names (the conflict `rollup check` finds).

use std::path::Path;

use crate::assessing::{self, Save};
use crate::demo::{self, Counts, Variant};
use crate::domain::codes::Level;
use crate::error::{Error, Result};
use crate::output::Outputs;
use crate::store::members::{self, Filter, MemberEdit};
use crate::store::{OpenMode, Store, W, assess, committee, rollup};
use crate::text;

/// Name of the city demo's roll-up; a file holding it may be rebuilt by `lvzhi demo --city`.
pub const ROLLUP: &str = "忻州市政协汇总（演示数据）";
/// Division code of the roll-up (忻州市).
pub const CODE: &str = "140900";

/// The committees, each with whether its year is finalised. 代县 comes first: the city
/// committee, last, takes some of its members.
pub const COMMITTEES: &[(Variant, bool)] = &[
    (
        Variant {
            seed: 2022_0316,
            name: "政协代县委员会（演示数据）",
            level: Level::County,
            code: Some("140923"),
            parent: Some(CODE),
            percent: 100,
            preset: "tongcheng-2019",
            output: 100,
        },
        true,
    ),
    (
        Variant {
            seed: 2022_0981,
            name: "政协原平市委员会（演示数据）",
            level: Level::County,
            code: Some("140981"),
            parent: Some(CODE),
            percent: 150,
            preset: "minhang",
            output: 80,
        },
        false,
    ),
    (
        Variant {
            seed: 2022_0922,
            name: "政协五台县委员会（演示数据）",
            level: Level::County,
            code: Some("140922"),
            parent: Some(CODE),
            percent: 75,
            preset: "tongcheng-2019",
            output: 130,
        },
        true,
    ),
    (
        Variant {
            seed: 2022_0921,
            name: "政协定襄县委员会（演示数据）",
            level: Level::County,
            code: Some("140921"),
            parent: Some(CODE),
            percent: 85,
            preset: "yanbian-2022",
            output: 110,
        },
        false,
    ),
    (
        Variant {
            seed: 2022_0900,
            name: "政协忻州市委员会（演示数据）",
            level: Level::City,
            code: Some(CODE),
            parent: Some("140000"),
            percent: 120,
            preset: "yanbian-2022",
            output: 90,
        },
        true,
    ),
];

/// Members of 代县 who also sit on the city committee.
const SHARED: usize = 6;

/// One committee built: its name, code, what it holds, and whether its year is final.
pub struct Built {
    pub name: &'static str,
    pub code: &'static str,
    pub counts: Counts,
    pub finalized: bool,
}

/// Builds the city demo's roll-up at `db` (which must not exist), its committees' files in a
/// temporary folder.
pub fn build(db: &Path, operator: &str) -> Result<Vec<Built>> {
    let dir = tempfile::Builder::new()
        .prefix("lvzhi-city-demo-")
        .tempdir()
        .map_err(|e| {
            Error::data(text!(
                "无法建立临时文件夹：{}",
                "cannot make a temporary folder: {}",
                e
            ))
        })?;
    let mut built = Vec::new();
    let mut packages = Vec::new();
    let mut shared: Vec<members::Member> = Vec::new();
    for (v, finalize) in COMMITTEES {
        let code = v.code.unwrap_or(CODE);
        let path = dir.path().join(format!("{code}.db"));
        let mut store = Store::open(&path, OpenMode::Create, operator, "demo --city")?;
        let counts = store.write(|w| {
            let c = demo::build_variant(w, v)?;
            if v.level == Level::City {
                share(w, &shared)?;
            }
            Ok(c)
        })?;
        let s = assess::scheme(store.conn(), demo::YEAR)?
            .ok_or_else(|| Error::data(text!("演示没有设定考核办法", "the demo set no scheme")))?;
        let scheme = crate::scoring::parse_rules(&s.text, &assess::kind_codes(store.conn())?)
            .map_err(|_| Error::data(text!("预置办法无效", "the preset is invalid")))?;
        let save = Save {
            stored: &s,
            supersede: None,
            finalize: *finalize,
        };
        assessing::assess_and_store(&mut store, demo::YEAR, &scheme, save, None, |_| Ok(()))?;
        if shared.is_empty() {
            let serving = Filter {
                sector: None,
                serving: Some(true),
                standing: false,
                org: None,
            };
            shared = members::list(store.conn(), &serving)?
                .into_iter()
                .take(SHARED + 1)
                .collect();
        }
        let package = dir.path().join(format!("{code}-package.db"));
        store.package(&package, &Outputs::new(&path, false), v.name, code)?;
        packages.push(package);
        built.push(Built {
            name: v.name,
            code,
            counts,
            finalized: *finalize,
        });
    }
    let mut r = Store::open(db, OpenMode::Create, operator, "demo --city")?;
    r.write_rollup(|w| {
        committee::set(
            w,
            &committee::Committee {
                name: ROLLUP.into(),
                level: Level::City,
                term: 1,
                term_start: None,
                code: None,
                parent_code: Some("140000".into()),
            },
        )?;
        rollup::mark(w, CODE)
    })?;
    for p in &packages {
        let checked = rollup::check_package(p, operator)?;
        r.add_package(&checked, false)?;
    }
    Ok(built)
}

/// In the city committee: its first members become the 代县 members `from` (name, gender, birth
/// date and ID number), all but the last, whose ID number is given under another name.
fn share(w: &W, from: &[members::Member]) -> Result<()> {
    let serving = Filter {
        sector: None,
        serving: Some(true),
        standing: false,
        org: None,
    };
    let city = members::list(w, &serving)?;
    for (i, (m, f)) in city.iter().zip(from).enumerate() {
        let conflict = i == from.len() - 1;
        let edit = MemberEdit {
            code: None,
            name: if conflict { None } else { Some(f.name.clone()) },
            gender: Some(f.gender),
            ethnicity: None,
            birth_date: Some(f.birth_date.clone()),
            party: None,
            sector: None,
            workplace: None,
            title: None,
            phone: None,
            id_number: f.id_number.clone(),
            joined_on: None,
            note: None,
        };
        members::edit(w, m, edit)?;
    }
    Ok(())
}

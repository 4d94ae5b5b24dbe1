//! Who may author a proposal of each type.

use crate::domain::codes::ProposalType;
use crate::error::{Error, Result};
use crate::text;

/// Checks the authors of a proposal against its type: individual and joint proposals have
/// exactly one lead; a joint one has co-signers; a collective one belongs to an organisation.
pub fn check_proposal_authors(
    kind: ProposalType,
    leads: usize,
    cosigners: usize,
    main_members: usize,
    has_org: bool,
) -> Result<()> {
    let err = |t| Err(Error::usage(t));
    if leads > 1 {
        return err(text!(
            "一件提案只能有一位第一提案人，现在有 {} 位",
            "a proposal has exactly one lead author, not {}",
            leads
        ));
    }
    match kind {
        ProposalType::Individual | ProposalType::Joint if leads == 0 => err(crate::i18n::Text::new(
            format!("{}提案缺少第一提案人（--lead）", kind.zh()),
            format!("an {} proposal needs a lead author (--lead)", kind.code()),
        )),
        ProposalType::Individual if cosigners > 0 => err(text!(
            "个人提案不能有附议人；有附议人的请写作联名提案（--type joint）",
            "an individual proposal has no co-signers; use --type joint"
        )),
        ProposalType::Joint if cosigners == 0 => err(text!(
            "联名提案至少要有一位附议人（--cosigners）",
            "a joint proposal needs at least one co-signer (--cosigners)"
        )),
        ProposalType::Individual | ProposalType::Joint if has_org => err(text!(
            "只有集体提案才属于组织；个人或联名提案不能写 --org",
            "only a collective proposal belongs to an organisation; drop --org"
        )),
        ProposalType::Individual | ProposalType::Joint if main_members > 0 => err(text!(
            "主要成员只用于集体提案",
            "main members are for collective proposals only"
        )),
        ProposalType::Collective if !has_org => err(text!(
            "集体提案必须写明提出的组织或界别（--org）",
            "a collective proposal needs its organisation (--org)"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProposalType::*;

    #[test]
    fn rules_by_type() {
        assert!(check_proposal_authors(Individual, 1, 0, 0, false).is_ok());
        assert!(check_proposal_authors(Individual, 0, 0, 0, false).is_err());
        assert!(check_proposal_authors(Individual, 2, 0, 0, false).is_err());
        assert!(check_proposal_authors(Individual, 1, 1, 0, false).is_err());
        assert!(check_proposal_authors(Joint, 1, 2, 0, false).is_ok());
        assert!(check_proposal_authors(Joint, 1, 0, 0, false).is_err());
        assert!(check_proposal_authors(Collective, 0, 0, 3, true).is_ok());
        assert!(check_proposal_authors(Collective, 0, 0, 0, false).is_err());
        assert!(check_proposal_authors(Joint, 1, 1, 0, true).is_err());
    }
}

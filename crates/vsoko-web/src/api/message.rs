//! A user-facing message in API answers: the stable key and arguments (for programs) and
//! the text in the viewer's language (for people), from a `vsoko_domain::msg::Msg`.

use std::collections::BTreeMap;
use vsoko_domain::msg::Msg;
use vsoko_i18n::Tr;

/// A message: its stable key and arguments, and its text in the viewer's language.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Message {
    /// Message key (stable), e.g. `roster-change-pupil-created`.
    pub key: String,
    /// Named arguments of the message, all text.
    pub args: BTreeMap<String, String>,
    /// The text in the viewer's language.
    pub message: String,
}

impl Message {
    /// The message rendered by `tr`.
    pub fn new(m: &Msg, tr: &Tr) -> Message {
        Message {
            key: m.key.to_string(),
            args: args(m),
            message: tr.msg(m),
        }
    }
}

/// The arguments of a message as a JSON object.
pub fn args(m: &Msg) -> BTreeMap<String, String> {
    m.args.iter().map(|(k, v)| ((*k).to_string(), v.clone())).collect()
}

//! Store errors: one enum the web layer maps to pages and API problems.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is neither `sqlite:` nor `postgres://`.
    #[error("unsupported database URL {0:?}: use sqlite://FILE or postgres://…")]
    BadUrl(String),
    /// Any database error.
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The SQLite writer task stopped or could not start a transaction.
    #[error("the database writer is not available")]
    WriterGone,
    /// The group commit failed; nothing of the batch was written.
    #[error("commit failed: {0}")]
    Commit(String),
    /// The row does not exist or is outside the caller's scope.
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken (field name, message key).
    #[error("conflict on {field}: {message}")]
    Conflict {
        /// Form field the conflict belongs to.
        field: &'static str,
        /// Human-readable explanation.
        message: String,
    },
    /// Input broke a rule the store checks (field name, message).
    #[error("invalid {field}: {message}")]
    Invalid {
        /// Form field the problem belongs to.
        field: &'static str,
        /// Human-readable explanation.
        message: String,
    },
    /// A write was rolled back on purpose (dry run or rejected import), carrying its report.
    #[error("rolled back")]
    RolledBack(Box<crate::roster::RosterReport>),
    /// A marks import rolled back on purpose (dry run or rows that cannot be applied).
    #[error("rolled back")]
    RolledBackMarks(Box<crate::journal::import::MarksReport>),
    /// An assessment import rolled back on purpose (dry run or rows that cannot be applied).
    #[error("rolled back")]
    RolledBackAssessment(Box<crate::assessment::AssessmentReport>),
    /// Stored JSON could not be (de)serialised.
    #[error("json error: {0}")]
    Json(#[from] serde_json::Error),
}

impl StoreError {
    /// Whether a database error is a unique-constraint violation.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Sqlx(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}

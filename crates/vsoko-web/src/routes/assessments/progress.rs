//! Progress of the running assessment upload of each user (rows checked of all rows, from
//! the store's [`Progress`]), for the upload page that polls
//! `/assessments/import/progress` while a big file is checked or applied.

use crate::auth::Auth;
use crate::error::AppResult;
use axum::Json;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, LazyLock, Mutex};
use uuid::Uuid;
use vsoko_store::Viewer;
use vsoko_store::assessment::Progress;

/// The running upload of each user.
static RUNNING: LazyLock<Mutex<HashMap<Uuid, Arc<Progress>>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// Registers a run of `rows` rows for the viewer; returns its progress.
pub(super) fn start(v: &Viewer, rows: usize) -> Arc<Progress> {
    let progress = Arc::new(Progress::default());
    progress.total.store(rows, Ordering::Relaxed);
    if let Ok(mut running) = RUNNING.lock() {
        running.insert(v.user_id, Arc::clone(&progress));
    }
    progress
}

/// Forgets the viewer's run (unless a newer one replaced it).
pub(super) fn finish(v: &Viewer, progress: &Arc<Progress>) {
    if let Ok(mut running) = RUNNING.lock()
        && running.get(&v.user_id).is_some_and(|p| Arc::ptr_eq(p, progress))
    {
        running.remove(&v.user_id);
    }
}

/// Rows checked of all rows; both 0 while the file is still being read.
#[derive(Debug, Serialize)]
pub struct ProgressJson {
    /// Rows checked so far.
    done: usize,
    /// Rows in the file.
    total: usize,
}

/// The progress of the viewer's running upload (403 for those who may not upload).
pub(super) async fn show(Auth(v): Auth) -> AppResult<Json<ProgressJson>> {
    if !super::may_upload(&v) {
        return Err(crate::error::AppError::Forbidden);
    }
    let (done, total) = RUNNING
        .lock()
        .ok()
        .and_then(|running| {
            running
                .get(&v.user_id)
                .map(|p| (p.done.load(Ordering::Relaxed), p.total.load(Ordering::Relaxed)))
        })
        .unwrap_or((0, 0));
    Ok(Json(ProgressJson { done, total }))
}

//! API errors as RFC 9457 problem documents, and the extractors that turn malformed JSON
//! bodies, query strings and path ids into problems instead of plain-text rejections.

use crate::error::AppError;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use vsoko_store::StoreError;

/// The body of every API error (`application/problem+json`, RFC 9457).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Problem {
    /// HTTP status code.
    pub status: u16,
    /// The status's reason phrase, e.g. "Unprocessable Entity".
    pub title: String,
    /// What went wrong, for a person.
    pub detail: String,
    /// Field → message for validation problems (422) and conflicts (409).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<BTreeMap<String, String>>,
}

/// An API error: the page error rendered as an RFC 9457 problem. Store validation errors
/// become 422 and conflicts 409, both naming the field in `errors`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl ApiError {
    /// A 422 naming one field.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> ApiError {
        ApiError(AppError::Store(StoreError::Invalid {
            field,
            message: message.into(),
        }))
    }

    /// The HTTP status of the error.
    pub fn status(&self) -> StatusCode {
        match &self.0 {
            AppError::Store(StoreError::Invalid { .. }) => StatusCode::UNPROCESSABLE_ENTITY,
            e => e.status(),
        }
    }

    /// The problem document of the error.
    pub fn problem(&self) -> Problem {
        let status = self.status();
        let errors = match &self.0 {
            AppError::Store(StoreError::Invalid { field, message } | StoreError::Conflict { field, message }) => {
                Some(BTreeMap::from([(field.to_string(), message.clone())]))
            }
            _ => None,
        };
        let detail = match &self.0 {
            _ if status == StatusCode::INTERNAL_SERVER_ERROR => "internal error".to_string(),
            AppError::BadRequest(message) => message.clone(),
            e => e.to_string(),
        };
        Problem {
            status: status.as_u16(),
            title: status.canonical_reason().unwrap_or("").to_string(),
            detail,
            errors,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!(error = %self.0, "api request failed");
        }
        let body = serde_json::to_string(&self.problem()).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, "application/problem+json")], body).into_response()
    }
}

/// Result alias for API handlers.
pub type ApiResult<T> = Result<T, ApiError>;

/// A JSON body; a malformed one is a 400 problem, a well-formed one of the wrong shape a 422.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::invalid("body", e.body_text())),
            Err(e) => Err(ApiError(AppError::BadRequest(e.body_text()))),
        }
    }
}

/// Query parameters; unparsable ones are a 400 problem.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| ApiQuery(v))
            .map_err(|e| ApiError(AppError::BadRequest(e.body_text())))
    }
}

/// A path id; one that does not parse names nothing, so it is a 404 problem.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(v)| ApiPath(v))
            .map_err(|_| ApiError(AppError::NotFound))
    }
}

/// Query strings from HTML-ish clients send `class_id=` for "any"; read it as absent.
pub fn empty_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => s.trim().parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// Parses a `YYYY-MM-DD` date of a field, or a 422 naming the field.
pub fn parse_date(field: &'static str, text: &str) -> ApiResult<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    if text.trim().is_empty() {
        return Err(ApiError::invalid(field, "required"));
    }
    time::Date::parse(text.trim(), format).map_err(|_| ApiError::invalid(field, "expected a date YYYY-MM-DD"))
}

/// Today's date (UTC), the default start of a class stay.
pub fn today() -> time::Date {
    vsoko_store::now().date()
}

/// A 201 response with a `Location` header and the created object.
pub fn created<T: Serialize>(location: String, body: T) -> Response {
    (StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_validation_errors_are_422_naming_the_field() {
        let p = ApiError::invalid("birth_date", "expected a date").problem();
        assert_eq!(p.status, 422);
        assert_eq!(p.title, "Unprocessable Entity");
        assert_eq!(
            p.errors.and_then(|e| e.get("birth_date").cloned()).as_deref(),
            Some("expected a date")
        );
    }

    #[test]
    fn internal_errors_do_not_leak_details() {
        let p = ApiError(AppError::Internal(anyhow::anyhow!("secret"))).problem();
        assert_eq!(p.status, 500);
        assert_eq!(p.detail, "internal error");
    }

    #[test]
    fn dates_parse_strictly() {
        assert!(parse_date("d", "2015-03-01").is_ok());
        assert!(parse_date("d", "01.03.2015").is_err());
        assert!(parse_date("d", "2015-02-30").is_err());
        assert!(parse_date("d", "").is_err());
    }
}

//! Extractors: the caller's version, a todo id, a BARE body decoded into the
//! latest types; and the BARE answer.

use std::marker::PhantomData;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody, RawPathParamsRejection};
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use verso::Versioned;

use crate::{ApiError, AppState, CONTENT_TYPE, LATEST_VERSION, OLDEST_VERSION, VERSION_HEADER};

/// The version the caller speaks, from the path (`/v2/…`) or the
/// `Verso-Version` header, already checked to be one this server supports.
///
/// Both may be given when they agree; when they differ the request is
/// refused ([`ApiError::VersionConflict`]) rather than one silently winning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiVersion(
    /// The version number, within the supported range.
    pub u16,
);

impl<S: Send + Sync> FromRequestParts<S> for ApiVersion {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let from_path = match path_param(parts, state, "version").await? {
            Some(segment) => Some(parse_path_version(&segment, parts.uri.path())?),
            None => None,
        };
        let from_header = header_version(&parts.headers)?;
        let version = match (from_path, from_header) {
            (Some(path), Some(header)) if path != header => {
                return Err(ApiError::VersionConflict { path, header });
            }
            (Some(version), _) | (None, Some(version)) => version,
            (None, None) => return Err(ApiError::MissingVersion),
        };
        if (OLDEST_VERSION..=LATEST_VERSION).contains(&version) {
            Ok(ApiVersion(version))
        } else {
            Err(ApiError::UnsupportedVersion {
                requested: version.to_string(),
            })
        }
    }
}

/// The `{id}` of `/…/todos/{id}`, a decimal `u64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TodoId(
    /// The id.
    pub u64,
);

impl<S: Send + Sync> FromRequestParts<S> for TodoId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let raw = path_param(parts, state, "id")
            .await?
            .ok_or_else(|| ApiError::Internal("route without an {id} parameter".to_owned()))?;
        // `u64::from_str` takes a leading `+`; an id is digits only.
        let id = if raw.bytes().all(|b| b.is_ascii_digit()) {
            raw.parse().ok()
        } else {
            None
        };
        id.map(TodoId).ok_or(ApiError::InvalidTodoId { raw })
    }
}

/// One path parameter by name, `None` on routes that do not have it.
async fn path_param<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
    name: &str,
) -> Result<Option<String>, ApiError> {
    match RawPathParams::from_request_parts(parts, state).await {
        Ok(params) => Ok(params
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_owned())),
        Err(RawPathParamsRejection::MissingPathParams(_)) => Ok(None),
        Err(rejection) => Err(ApiError::NoRoute {
            path: format!("{} ({})", parts.uri.path(), rejection.body_text()),
        }),
    }
}

/// `v` and a version number: `v1`, `v2`, `v65536`. Any other first segment is
/// not a versioned route at all, so it is a 404 rather than a bad version.
fn parse_path_version(segment: &str, path: &str) -> Result<u16, ApiError> {
    let digits = segment
        .strip_prefix('v')
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| ApiError::NoRoute {
            path: path.to_owned(),
        })?;
    // `v99999` is a version, just not one that exists (nor fits a u16).
    digits.parse().map_err(|_| ApiError::UnsupportedVersion {
        requested: digits.to_owned(),
    })
}

fn header_version(headers: &HeaderMap) -> Result<Option<u16>, ApiError> {
    let mut values = headers.get_all(&VERSION_HEADER).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    let invalid = |value: &HeaderValue| ApiError::InvalidVersionHeader {
        value: String::from_utf8_lossy(value.as_bytes()).into_owned(),
    };
    // Two headers would be two answers to one question.
    if let Some(second) = values.next() {
        return Err(ApiError::InvalidVersionHeader {
            value: format!(
                "{} and {}",
                String::from_utf8_lossy(value.as_bytes()),
                String::from_utf8_lossy(second.as_bytes())
            ),
        });
    }
    let text = value.to_str().map_err(|_| invalid(value))?.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(value));
    }
    text.parse()
        .map(Some)
        .map_err(|_| ApiError::UnsupportedVersion {
            requested: text.to_owned(),
        })
}

/// A request body: a BARE message of the caller's version of root `V`,
/// decoded and upgraded to the latest types.
///
/// Refuses, in this order: an unsupported or conflicting version, a content
/// type other than [`CONTENT_TYPE`] (parameters after `;` are ignored), a body
/// over the state's limit, and bytes that are not a valid message of that
/// version (or that a converter refuses to upgrade).
#[derive(Debug)]
pub struct Bare<V: Versioned> {
    /// The version the caller spoke; answer in it.
    pub version: ApiVersion,
    /// The body in the latest types.
    pub value: V::Latest,
    _root: PhantomData<V>,
}

impl<V> FromRequest<AppState> for Bare<V>
where
    V: Versioned,
    V::Latest: Send,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let (mut parts, body) = req.into_parts();
        let version = ApiVersion::from_request_parts(&mut parts, state).await?;
        check_content_type(&parts.headers)?;
        let req = Request::from_parts(parts, body);
        // The router's `DefaultBodyLimit` is `state.body_limit`, so a length
        // error here is that limit.
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|rejection| match rejection {
                BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                    ApiError::BodyTooLarge {
                        limit: state.body_limit(),
                    }
                }
                other => ApiError::BodyUnreadable {
                    reason: other.body_text(),
                },
            })?;
        let value = V::decode(&bytes, version.0).map_err(ApiError::from_decode)?;
        Ok(Bare {
            version,
            value,
            _root: PhantomData,
        })
    }
}

fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Err(ApiError::UnsupportedMediaType { found: None });
    };
    let essence = value
        .to_str()
        .ok()
        .and_then(|text| text.split(';').next())
        .map(str::trim);
    match essence {
        Some(essence) if essence.eq_ignore_ascii_case(CONTENT_TYPE) => Ok(()),
        _ => Err(ApiError::UnsupportedMediaType {
            found: Some(String::from_utf8_lossy(value.as_bytes()).into_owned()),
        }),
    }
}

/// A successful answer: a BARE message of the caller's version, with
/// `Content-Type: application/x-bare` and `Verso-Version: N`.
#[derive(Debug)]
pub struct BareReply {
    status: StatusCode,
    version: ApiVersion,
    body: Vec<u8>,
    location: Option<String>,
}

impl BareReply {
    /// Encodes `latest` (root `V`) for `version` through the downgrade chain.
    ///
    /// A converter that refuses is [`ApiError::AnswerNotExpressible`]: the
    /// caller gets an error naming the reason, never a made-up answer.
    pub fn encode<V: Versioned>(
        status: StatusCode,
        version: ApiVersion,
        latest: V::Latest,
    ) -> Result<Self, ApiError> {
        let body = V::encode(latest, version.0).map_err(|e| ApiError::from_encode(e, version.0))?;
        Ok(BareReply {
            status,
            version,
            body,
            location: None,
        })
    }

    /// Adds a `Location` header (for `201 Created`).
    #[must_use]
    pub fn location(mut self, location: String) -> Self {
        self.location = Some(location);
        self
    }
}

impl IntoResponse for BareReply {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        headers.insert(VERSION_HEADER, HeaderValue::from(self.version.0));
        if let Some(location) = self.location {
            // Built from a version and an id, so always a valid header value;
            // leaving it out beats failing a request that succeeded.
            if let Ok(value) = HeaderValue::from_str(&location) {
                headers.insert(header::LOCATION, value);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_versions() {
        assert_eq!(parse_path_version("v2", "/v2/todos").unwrap(), 2);
        assert!(matches!(
            parse_path_version("v70000", "/v70000/todos"),
            Err(ApiError::UnsupportedVersion { requested }) if requested == "70000"
        ));
        for segment in ["2", "v", "vx", "v-1", "v+1", "V2"] {
            assert!(
                matches!(
                    parse_path_version(segment, "/p"),
                    Err(ApiError::NoRoute { .. })
                ),
                "{segment}"
            );
        }
    }

    #[test]
    fn header_versions() {
        let mut headers = HeaderMap::new();
        assert_eq!(header_version(&headers).unwrap(), None);
        headers.insert(&VERSION_HEADER, HeaderValue::from_static(" 3 "));
        assert_eq!(header_version(&headers).unwrap(), Some(3));
        headers.append(&VERSION_HEADER, HeaderValue::from_static("2"));
        assert!(matches!(
            header_version(&headers),
            Err(ApiError::InvalidVersionHeader { value }) if value == " 3  and 2"
        ));
        for bad in ["", "+2", "two", "2.0"] {
            let mut headers = HeaderMap::new();
            headers.insert(&VERSION_HEADER, HeaderValue::from_static(bad));
            assert!(
                matches!(
                    header_version(&headers),
                    Err(ApiError::InvalidVersionHeader { .. })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn content_types() {
        let mut headers = HeaderMap::new();
        assert!(matches!(
            check_content_type(&headers),
            Err(ApiError::UnsupportedMediaType { found: None })
        ));
        for good in [
            "application/x-bare",
            "Application/X-BARE",
            "application/x-bare; v=1",
        ] {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(good));
            assert!(check_content_type(&headers).is_ok(), "{good}");
        }
        for bad in [
            "application/octet-stream",
            "application/x-bare2",
            "text/plain",
        ] {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(bad));
            assert!(check_content_type(&headers).is_err(), "{bad}");
        }
    }
}

//! The part of wasm-streams' API that server_fn names, without the crate's exported
//! JavaScript classes (see README.md).

use futures_util::Stream;
use wasm_bindgen::JsValue;

/// Raw bindings, as the real crate re-exports them from web-sys.
pub mod readable {
    pub use super::ReadableStream;

    pub mod sys {
        pub use web_sys::ReadableStream;
    }
}

/// A browser `ReadableStream`.
#[derive(Debug)]
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

const UNSUPPORTED: &str =
    "wasm-streams stand-in (vendor/wasm-streams): Headroom calls no server function";

impl ReadableStream {
    /// Wraps a browser stream.
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    /// The browser stream.
    pub fn as_raw(&self) -> &web_sys::ReadableStream {
        &self.raw
    }

    /// The browser stream.
    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// Not supported: only a server function's streaming request calls it.
    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        panic!("{UNSUPPORTED}")
    }

    /// Not supported: only a server function's streaming response calls it.
    pub fn into_stream(self) -> futures_util::stream::Pending<Result<JsValue, JsValue>> {
        panic!("{UNSUPPORTED}")
    }
}

// Streamed response bodies: binary downloads, server-sent events and JSON lines, handed
// over as they arrive instead of read whole. Included in a generated runtime only when an
// operation has such a response; it needs reqwest's `stream` feature.

use std::task::{Context, Poll};

use futures_core::Stream;

/// The chunks of a response body as they arrive, for downloads that should not be held in
/// memory whole. A [`futures_core::Stream`]; [`ByteStream::next`] needs no stream library.
pub struct ByteStream {
    chunks: Chunks,
    limit: usize,
}

type Chunks = Pin<Box<dyn Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>;

impl ByteStream {
    /// The next chunk, or `None` at the end of the body.
    pub async fn next(&mut self) -> Option<Result<bytes::Bytes, StreamError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Reads the rest of the body into memory, up to the client's
    /// [`Client::max_response_size`].
    pub async fn bytes(mut self) -> Result<Vec<u8>, StreamError> {
        let mut body = Vec::new();
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            if body.len() + chunk.len() > self.limit {
                return Err(StreamError::TooLarge { limit: self.limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

impl Stream for ByteStream {
    type Item = Result<bytes::Bytes, StreamError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.chunks
            .as_mut()
            .poll_next(cx)
            .map(|chunk| chunk.map(|chunk| chunk.map_err(|error| StreamError::Transport(without_secrets(error, &[])))))
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream").finish_non_exhaustive()
    }
}

/// One server-sent event, its data decoded as the API documents it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerEvent<T> {
    /// The event type: `message` unless the server named another.
    pub event: String,
    pub data: T,
    /// The last event ID the server sent, on this event or an earlier one: the value to send
    /// as `Last-Event-ID` when reconnecting. Empty when it sent none.
    pub id: String,
    /// The reconnection delay the server asked for, if it did on this event.
    pub retry: Option<Duration>,
}

/// A `text/event-stream` response: its events as they arrive, parsed incrementally. A
/// [`futures_core::Stream`]; [`EventStream::next`] needs no stream library.
///
/// A malformed event or one whose data does not decode is an `Err` item; the stream ends
/// after the first error, since the rest cannot be trusted.
pub struct EventStream<T> {
    events: eventsource_stream::EventStream<Chunks>,
    decode: fn(&str) -> serde_json::Result<T>,
    done: bool,
}

impl<T> EventStream<T> {
    /// The next event, or `None` when the server closed the stream.
    pub async fn next(&mut self) -> Option<Result<ServerEvent<T>, StreamError>> {
        std::future::poll_fn(|cx| self.poll_event(cx)).await
    }

    /// The ID of the last event received, to resume from when reconnecting.
    pub fn last_event_id(&self) -> &str {
        self.events.last_event_id()
    }

    fn poll_event(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<ServerEvent<T>, StreamError>>> {
        if self.done {
            return Poll::Ready(None);
        }
        let item = match std::task::ready!(Pin::new(&mut self.events).poll_next(cx)) {
            None => None,
            Some(Ok(event)) => Some(match (self.decode)(&event.data) {
                Ok(data) => Ok(ServerEvent { event: event.event, data, id: event.id, retry: event.retry }),
                Err(source) => Err(StreamError::Decode { data: event.data, source }),
            }),
            Some(Err(eventsource_stream::EventStreamError::Transport(error))) => {
                Some(Err(StreamError::Transport(without_secrets(error, &[]))))
            }
            Some(Err(error)) => Some(Err(StreamError::Malformed(error.to_string()))),
        };
        self.done = !matches!(item, Some(Ok(_)));
        Poll::Ready(item)
    }
}

impl<T> Stream for EventStream<T> {
    type Item = Result<ServerEvent<T>, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // Nothing in `EventStream` is pinned in place: the inner stream is boxed.
        Pin::into_inner(self).poll_event(cx)
    }
}

impl<T> Unpin for EventStream<T> {}

impl<T> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream").field("last_event_id", &self.last_event_id()).finish_non_exhaustive()
    }
}

/// An `application/x-ndjson` or `application/jsonl` response: one decoded value per line,
/// as the lines arrive. Blank lines are skipped. A [`futures_core::Stream`];
/// [`JsonLines::next`] needs no stream library. The stream ends after the first error.
///
/// One line may be at most [`Client::max_response_size`] bytes long: a longer one ends the
/// stream with [`StreamError::TooLarge`] instead of being held in memory. The stream as a
/// whole has no limit, as it may go on for as long as the server sends.
pub struct JsonLines<T> {
    chunks: Chunks,
    buffer: Vec<u8>,
    /// Where the next line starts in `buffer`. Lines before it have been handed out; they
    /// are dropped in one go before the next chunk is added, so each byte moves only once.
    start: usize,
    /// How far `buffer` is known to hold no line break, so each byte is searched only once.
    scanned: usize,
    limit: usize,
    finished: bool,
    done: bool,
    item: std::marker::PhantomData<fn() -> T>,
}

impl<T: serde::de::DeserializeOwned> JsonLines<T> {
    /// The next value, or `None` at the end of the body.
    pub async fn next(&mut self) -> Option<Result<T, StreamError>> {
        std::future::poll_fn(|cx| self.poll_line(cx)).await
    }

    /// Where the next non-blank line is in `buffer` (without its line break): a complete
    /// line, or what is left once the body has ended.
    fn next_line(&mut self) -> Option<std::ops::Range<usize>> {
        loop {
            let line = match self.buffer[self.scanned..].iter().position(|&b| b == b'\n') {
                Some(offset) => {
                    let line = self.start..self.scanned + offset;
                    self.start = line.end + 1;
                    self.scanned = self.start;
                    line
                }
                None => {
                    self.scanned = self.buffer.len();
                    if !self.finished || self.start == self.buffer.len() {
                        return None;
                    }
                    let line = self.start..self.buffer.len();
                    self.start = line.end;
                    line
                }
            };
            if !self.buffer[line.clone()].iter().all(u8::is_ascii_whitespace) {
                return Some(line);
            }
        }
    }

    fn poll_line(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, StreamError>>> {
        loop {
            if self.done {
                return Poll::Ready(None);
            }
            if let Some(line) = self.next_line() {
                let item = if line.len() > self.limit {
                    Err(StreamError::TooLarge { limit: self.limit })
                } else {
                    let line = &self.buffer[line];
                    serde_json::from_slice(line).map_err(|source| StreamError::Decode {
                        data: String::from_utf8_lossy(line).into_owned(),
                        source,
                    })
                };
                self.done = item.is_err();
                return Poll::Ready(Some(item));
            }
            // The line being received is already longer than a line may be.
            if self.buffer.len() - self.start > self.limit {
                self.done = true;
                return Poll::Ready(Some(Err(StreamError::TooLarge { limit: self.limit })));
            }
            if self.finished {
                self.done = true;
                continue;
            }
            match std::task::ready!(self.chunks.as_mut().poll_next(cx)) {
                Some(Ok(chunk)) => {
                    self.buffer.drain(..self.start);
                    self.scanned -= self.start;
                    self.start = 0;
                    self.buffer.extend_from_slice(&chunk);
                }
                Some(Err(error)) => {
                    self.done = true;
                    return Poll::Ready(Some(Err(StreamError::Transport(without_secrets(error, &[])))));
                }
                None => self.finished = true,
            }
        }
    }
}

impl<T: serde::de::DeserializeOwned> Stream for JsonLines<T> {
    type Item = Result<T, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::into_inner(self).poll_line(cx)
    }
}

impl<T> Unpin for JsonLines<T> {}

impl<T> fmt::Debug for JsonLines<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonLines").field("buffered", &(self.buffer.len() - self.start)).finish_non_exhaustive()
    }
}

/// Why an item of a streamed response could not be read.
#[derive(Debug)]
pub enum StreamError {
    /// The connection failed while the body was being read.
    Transport(reqwest::Error),
    /// [`ByteStream::bytes`] found the body, or [`JsonLines`] one line, larger than
    /// [`Client::max_response_size`].
    TooLarge { limit: usize },
    /// An item's data does not match what the spec documents; holds the data as received.
    Decode { data: String, source: serde_json::Error },
    /// The body is not a well-formed event stream (not UTF-8, say).
    Malformed(String),
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport(error) => write!(f, "the response body could not be read: {error}"),
            Self::TooLarge { limit } => {
                write!(f, "the response body or one line of it is larger than the {limit}-byte limit")
            }
            Self::Decode { data, source } => {
                write!(f, "an item does not match what the API documents ({source}): {}", excerpt(data))
            }
            Self::Malformed(reason) => write!(f, "the response body is not a well-formed stream: {reason}"),
        }
    }
}

impl std::error::Error for StreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(error) => Some(error),
            Self::Decode { source, .. } => Some(source),
            Self::TooLarge { .. } | Self::Malformed(_) => None,
        }
    }
}

fn chunks(response: reqwest::Response) -> Chunks {
    Box::pin(response.bytes_stream())
}

#[allow(dead_code, reason = "each API uses the kinds of stream its responses need")]
impl RawHead {
    /// The body as it arrives, in chunks.
    pub(crate) fn into_byte_stream(self, client: &Client) -> ResponseValue<ByteStream> {
        let limit = client.max_response_size;
        self.into_value_with(|response| ByteStream { chunks: chunks(response), limit })
    }

    /// The body as server-sent events, each one's data decoded by `decode`.
    pub(crate) fn into_event_stream<T>(
        self,
        decode: fn(&str) -> serde_json::Result<T>,
    ) -> ResponseValue<EventStream<T>> {
        self.into_value_with(|response| EventStream {
            events: eventsource_stream::EventStream::new(chunks(response)),
            decode,
            done: false,
        })
    }

    /// The body as JSON lines, each decoded as `T` and at most the client's response size long.
    pub(crate) fn into_json_lines<T: serde::de::DeserializeOwned>(
        self,
        client: &Client,
    ) -> ResponseValue<JsonLines<T>> {
        let limit = client.max_response_size;
        self.into_value_with(|response| JsonLines {
            chunks: chunks(response),
            buffer: Vec::new(),
            start: 0,
            scanned: 0,
            limit,
            finished: false,
            done: false,
            item: std::marker::PhantomData,
        })
    }
}

#[allow(dead_code, reason = "each API decodes the kinds of event data its responses need")]
/// Event data taken as the text it is.
pub(crate) fn event_text(data: &str) -> serde_json::Result<String> {
    Ok(data.to_owned())
}

#[allow(dead_code, reason = "each API decodes the kinds of event data its responses need")]
/// Event data decoded as JSON.
pub(crate) fn event_json<T: serde::de::DeserializeOwned>(data: &str) -> serde_json::Result<T> {
    serde_json::from_str(data)
}

// Paginated operations: their pages one after another, and their items one after another,
// each fetched only when the one before it has been taken. Included in a generated runtime
// only when an operation pages; it needs `futures-core` for the `Stream` trait.

/// A page being fetched: the page, and how to fetch the next one if there is one.
type PageFuture<'a, P, E> = Pin<Box<dyn Future<Output = Result<(P, Option<NextPage<'a, P, E>>), E>> + Send + 'a>>;

/// The call that fetches the next page, not made until the page is asked for.
struct NextPage<'a, P, E>(Box<dyn FnOnce() -> PageFuture<'a, P, E> + Send + 'a>);

/// The pages of a paginated operation, from the one its arguments ask for to the last. A
/// [`futures_core::Stream`]; [`Pages::next`] needs no stream library. After an error the
/// stream ends: the next page's position came from the page that failed.
pub struct Pages<'a, P, E> {
    pending: Option<PageFuture<'a, P, E>>,
}

impl<'a, P: Send + 'a, E: Send + 'a> Pages<'a, P, E> {
    /// Pages fetched by `fetch`, starting from `first`: each call returns its page and the
    /// position of the next, or `None` after the last.
    #[allow(clippy::type_complexity, reason = "the page future's type, spelled once")]
    pub(crate) fn new<S: Send + 'a>(
        first: S,
        fetch: impl Fn(S) -> Pin<Box<dyn Future<Output = Result<(P, Option<S>), E>> + Send + 'a>> + Send + Sync + 'a,
    ) -> Self {
        Self { pending: Some(chain(Arc::new(fetch), first)) }
    }
}

/// Fetches the page at `position`, with the call for the next one.
#[allow(clippy::type_complexity, reason = "the page future's type, spelled once")]
fn chain<'a, S, P, E, F>(fetch: Arc<F>, position: S) -> PageFuture<'a, P, E>
where
    S: Send + 'a,
    P: Send + 'a,
    E: Send + 'a,
    F: Fn(S) -> Pin<Box<dyn Future<Output = Result<(P, Option<S>), E>> + Send + 'a>> + Send + Sync + 'a,
{
    let page = fetch(position);
    Box::pin(async move {
        let (page, next) = page.await?;
        Ok((page, next.map(|position| NextPage(Box::new(move || chain(fetch, position))))))
    })
}

impl<P, E> Pages<'_, P, E> {
    /// The next page, or `None` after the last.
    pub async fn next(&mut self) -> Option<Result<P, E>> {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    fn poll_page(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Result<P, E>>> {
        let Some(pending) = &mut self.pending else { return std::task::Poll::Ready(None) };
        let outcome = std::task::ready!(pending.as_mut().poll(cx));
        self.pending = None;
        std::task::Poll::Ready(Some(outcome.map(|(page, next)| {
            self.pending = next.map(|next| (next.0)());
            page
        })))
    }
}

impl<P, E> futures_core::Stream for Pages<'_, P, E> {
    type Item = Result<P, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Self::Item>> {
        // Nothing in `Pages` is pinned in place: the future is boxed.
        Pin::into_inner(self).poll_page(cx)
    }
}

impl<P, E> Unpin for Pages<'_, P, E> {}

impl<P, E> fmt::Debug for Pages<'_, P, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").field("done", &self.pending.is_none()).finish_non_exhaustive()
    }
}

/// The items of a paginated operation, page after page, each page fetched once the items
/// before it have been taken. A [`futures_core::Stream`]; [`Items::next`] needs no stream
/// library. An error ends the stream, as it ends the pages.
pub struct Items<'a, T, E> {
    pages: Pin<Box<dyn futures_core::Stream<Item = Result<Vec<T>, E>> + Send + 'a>>,
    buffer: std::collections::VecDeque<T>,
}

impl<'a, T: Send + 'a, E: Send + 'a> Items<'a, T, E> {
    /// The items `items` takes out of each of `pages`.
    pub(crate) fn new<P: Send + 'a>(pages: Pages<'a, P, E>, items: fn(P) -> Vec<T>) -> Self {
        Self { pages: Box::pin(ItemsOf { pages, items }), buffer: std::collections::VecDeque::new() }
    }
}

impl<T, E> Items<'_, T, E> {
    /// The next item, or `None` after the last page's last.
    pub async fn next(&mut self) -> Option<Result<T, E>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    fn poll_item(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Result<T, E>>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return std::task::Poll::Ready(Some(Ok(item)));
            }
            match std::task::ready!(self.pages.as_mut().poll_next(cx)) {
                Some(Ok(items)) => self.buffer.extend(items),
                Some(Err(error)) => return std::task::Poll::Ready(Some(Err(error))),
                None => return std::task::Poll::Ready(None),
            }
        }
    }
}

impl<T, E> futures_core::Stream for Items<'_, T, E> {
    type Item = Result<T, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Self::Item>> {
        // Nothing in `Items` is pinned in place: the pages are boxed.
        Pin::into_inner(self).poll_item(cx)
    }
}

impl<T, E> Unpin for Items<'_, T, E> {}

impl<T, E> fmt::Debug for Items<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").field("buffered", &self.buffer.len()).finish_non_exhaustive()
    }
}

/// A page stream seen as the lists of items its pages hold.
struct ItemsOf<'a, P, T, E> {
    pages: Pages<'a, P, E>,
    items: fn(P) -> Vec<T>,
}

impl<P, T, E> futures_core::Stream for ItemsOf<'_, P, T, E> {
    type Item = Result<Vec<T>, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Self::Item>> {
        let this = Pin::into_inner(self);
        this.pages.poll_page(cx).map(|page| page.map(|page| page.map(this.items)))
    }
}

impl<P, T, E> Unpin for ItemsOf<'_, P, T, E> {}

#[allow(dead_code, reason = "only APIs that page by a Link header read it")]
/// The value of `parameter` in the URL of a response's `Link: <…>; rel="next"` header, as
/// GitHub and others give the next page; `None` when there is no next page.
pub(crate) fn next_link_parameter(headers: &HeaderMap, parameter: &str) -> Option<String> {
    for value in headers.get_all(reqwest::header::LINK) {
        let Ok(value) = value.to_str() else { continue };
        for link in value.split(',') {
            let Some((target, params)) = link.trim().split_once(';') else { continue };
            let is_next = params.split(';').any(|param| {
                let param = param.trim().replace(' ', "");
                param.eq_ignore_ascii_case("rel=\"next\"") || param.eq_ignore_ascii_case("rel=next")
            });
            let target = target.trim().trim_start_matches('<').trim_end_matches('>');
            if let (true, Ok(url)) = (is_next, Url::parse(target)) {
                return url.query_pairs().find(|(name, _)| name == parameter).map(|(_, value)| value.into_owned());
            }
        }
    }
    None
}

/// The URL a page gave for the next one, relative to the base URL when it is relative, and
/// the credentials to send with it: the operation's when the URL is on the base URL's
/// origin, none when a page links elsewhere, so a link never carries them off.
#[allow(dead_code, reason = "used only by operations whose pages link to the next")]
pub(crate) fn next_page<'s>(client: &Client, next: &str, security: &'s [&'s [Scheme]]) -> (String, &'s [&'s [Scheme]]) {
    match client.base_url().join(next) {
        Ok(url) if url.origin() == client.base_url().origin() => (url.into(), security),
        Ok(url) => (url.into(), &[]),
        // reqwest reports the URL it cannot send.
        Err(_) => (next.to_owned(), &[]),
    }
}

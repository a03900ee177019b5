//! Linked Data: `/id/…` dereferences the IRIs the graph mints (`{base}agency/…`,
//! `{base}expr/…`, `{base}expr/…/task/…`, `{base}work/…` …), the IRI being the store's base IRI
//! followed by the path after `/id/`.
//!
//! One URL, several representations chosen by `Accept` (or `?format=`), answered directly with
//! `Vary: Accept` (no 303 to a separate document; W3C "Cool URIs for the Semantic Web" allows
//! both): an HTML page for browsers, the resource's description as Turtle, JSON-LD, N-Triples
//! or RDF/XML for clients; `Link: rel="alternate"` headers name the other formats. 406 for a
//! type none of those is, 404 (a page, for browsers) for an IRI the store does not describe.
//!
//! The data comes from a query worker (`Request::Resource`), as every read does, so a page is
//! under the same deadline and memory cap as a query; the worker runs the constant queries of
//! `policykg_graph::describe` with the IRI bound. Pages are rendered here: no script, the query
//! page's CJK font stack, readable at 400 px.

use std::fmt::Write;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use policykg_graph::describe::{
    self, AgencyPage, Assignment, Fact, Highlight, Link, Page, PageKind, TaskPage, VersionPage,
    VersionRef,
};
use policykg_text::escape::escape;

use crate::error::ApiError;
use crate::negotiate::{negotiate, GraphFormat, Offer};
use crate::protocol::{parse_urlencoded, values};
use crate::AppState;

/// What `/id/…` answers in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Html,
    Rdf(GraphFormat),
}

const FORMATS: [Format; 5] = [
    Format::Html,
    Format::Rdf(GraphFormat::Turtle),
    Format::Rdf(GraphFormat::JsonLd),
    Format::Rdf(GraphFormat::NTriples),
    Format::Rdf(GraphFormat::RdfXml),
];

impl Offer for Format {
    fn media_types(self) -> &'static [&'static str] {
        match self {
            Format::Html => &["text/html", "application/xhtml+xml"],
            Format::Rdf(f) => f.media_types(),
        }
    }

    fn short_names(self) -> &'static [&'static str] {
        match self {
            Format::Html => &["html"],
            Format::Rdf(f) => f.short_names(),
        }
    }
}

/// `/id/{*path}`. Every answer, errors included, varies with `Accept`.
pub async fn endpoint(
    State(state): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut response = answer(&state, method, &uri, &headers)
        .await
        .unwrap_or_else(IntoResponse::into_response);
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    response
}

/// `/diff/OLD/NEW`: the HTML 对照表 between two versions of the store (ids as the version pages
/// show them), the link a version page gives to the version it revises.
pub async fn diff_endpoint(
    State(state): State<Arc<AppState>>,
    axum::extract::Path((old, new)): axum::extract::Path<(String, String)>,
) -> Response {
    match state.engine.diff(old, new).await {
        Ok(answer) => html_response(
            StatusCode::OK,
            String::from_utf8_lossy(&answer.body).into_owned(),
        ),
        Err(e) => e.into_response(),
    }
}

async fn answer(
    state: &AppState,
    method: Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    if method != Method::GET && method != Method::HEAD {
        return Err(ApiError::method_not_allowed("GET, HEAD"));
    }
    let path = uri.path().strip_prefix("/id/").unwrap_or("").to_owned();
    let params = parse_urlencoded(uri.query().unwrap_or("").as_bytes(), "the URL query string")?;
    let mut format_params = values(&params, "format");
    format_params.extend(values(&params, "output"));
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let format = negotiate(&FORMATS, accept, &format_params, "a resource")?;
    let mut response = match format {
        Format::Html => match state.engine.resource(path.clone(), None).await {
            Ok(answer) => {
                let page: Page = serde_json::from_slice(&answer.body).map_err(|e| {
                    ApiError::internal(format!("the query worker sent an unreadable page: {e}"))
                })?;
                html_response(StatusCode::OK, render(&page))
            }
            Err(e) if e.status == StatusCode::NOT_FOUND => {
                html_response(StatusCode::NOT_FOUND, not_found_page(uri, &e.message))
            }
            Err(e) => return Err(e),
        },
        Format::Rdf(f) => {
            let answer = state
                .engine
                .resource(path.clone(), Some(f.content_type()))
                .await?;
            let mut response = Response::new(Body::from(answer.body));
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(f.content_type()),
            );
            if answer.truncated {
                response
                    .headers_mut()
                    .insert(crate::TRUNCATED_HEADER, HeaderValue::from_static("true"));
            }
            response
        }
    };
    let h = response.headers_mut();
    let here = uri.path();
    let alternates = FORMATS
        .iter()
        .filter(|f| **f != format)
        .map(|f| {
            format!(
                "<{here}?format={}>; rel=\"alternate\"; type=\"{}\"",
                f.short_names()[0],
                f.media_types()[0]
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    if let Ok(v) = HeaderValue::from_str(&alternates) {
        h.insert(header::LINK, v);
    }
    Ok(response)
}

fn html_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

const CSS: &str = r#"
:root { --ink:#1d2430; --muted:#667085; --line:#e3e6eb; --bg:#f5f6f8; --panel:#fff;
  --accent:#b4232c; --link:#1f5fbf;
  --sans: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
          "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Zen Hei",
          Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, "SFMono-Regular", "JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas,
          "Noto Sans Mono CJK SC", monospace; }
* { box-sizing: border-box; }
body { margin: 0; font-family: var(--sans); font-size: 15px; line-height: 1.6; color: var(--ink);
  background: var(--bg); overflow-wrap: anywhere; }
a { color: var(--link); text-decoration: none; } a:hover { text-decoration: underline; }
header.top { background: var(--accent); color: #fff; padding: 8px 16px; display: flex; gap: 16px;
  align-items: baseline; flex-wrap: wrap; }
header.top a { color: #fff; font-weight: 600; } header.top span { opacity: .85; font-size: 13px; }
main { max-width: 980px; margin: 0 auto; padding: 16px; }
.kind { color: var(--muted); font-size: 13px; margin: 0; }
h1 { font-size: 24px; line-height: 1.35; margin: 4px 0 6px; }
h2 { font-size: 18px; margin: 24px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 16px 0 6px; }
code, .iri { font-family: var(--mono); font-size: 12.5px; }
.iri { color: var(--muted); margin: 0 0 8px; }
.formats { font-size: 13px; color: var(--muted); }
.formats a { margin-right: 10px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
  padding: 4px 16px 12px; margin: 14px 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
ol.items, ul.items { padding-left: 1.6em; margin: 6px 0; }
ol.items li, ul.items li { margin: 6px 0; }
.meta { color: var(--muted); font-size: 13px; }
.chip { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 8px;
  margin: 2px 4px 2px 0; font-size: 13px; background: #fafbfc; }
.role { color: var(--accent); font-weight: 600; }
.note { color: var(--muted); font-size: 13px; }
.text { white-space: pre-wrap; font-size: 16px; line-height: 1.9; background: #fcfcfd;
  border-left: 3px solid var(--line); padding: 8px 12px; }
mark { padding: 1px 0; border-radius: 2px; }
mark.agency { background: #fde2a7; } mark.target { background: #c9f0d3; }
mark.amount { background: #d5e5ff; } mark.many { background: #f4c7e3; }
.legend mark { padding: 0 6px; }
table.statements { border-collapse: collapse; width: 100%; font-size: 13px; }
table.statements th, table.statements td { border-top: 1px solid var(--line); padding: 4px 6px;
  text-align: left; vertical-align: top; }
table.statements th { color: var(--muted); font-weight: normal; width: 30%; }
details summary { cursor: pointer; color: var(--link); margin: 8px 0; }
pre.cmd { background: #f0f2f5; padding: 6px 8px; font-family: var(--mono); font-size: 12px;
  white-space: pre-wrap; margin: 4px 0; }
@media (max-width: 640px) {
  main { padding: 10px; } h1 { font-size: 20px; }
  dl.facts { grid-template-columns: 1fr; gap: 0; } dl.facts dd { margin-bottom: 6px; }
  table.statements, table.statements tbody, table.statements tr, table.statements th,
  table.statements td { display: block; width: auto; }
  table.statements th { border-top: 1px solid var(--line); padding-bottom: 0; }
  table.statements td { border-top: 0; }
  section { padding: 2px 10px 10px; }
}
"#;

/// Where a link to `iri` goes: this server's `/id/…` for the store's own IRIs.
fn href(base: &str, iri: &str) -> String {
    match iri.strip_prefix(base) {
        Some(rest) if base.ends_with('/') => format!("/id/{rest}"),
        _ => iri.to_owned(),
    }
}

/// A short name for an IRI without a label: its last segment.
fn tail(iri: &str) -> &str {
    iri.rsplit(['/', '#'])
        .find(|s| !s.is_empty())
        .unwrap_or(iri)
}

struct Html<'p> {
    base: &'p str,
    out: String,
}

impl Html<'_> {
    fn text(&mut self, s: &str) {
        self.out.push_str(&escape(s));
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn link(&mut self, iri: &str, label: Option<&str>) {
        let _ = write!(
            self.out,
            "<a href=\"{}\">{}</a>",
            escape(&href(self.base, iri)),
            escape(label.unwrap_or_else(|| tail(iri)))
        );
    }

    fn link_to(&mut self, l: &Link) {
        self.link(&l.iri, l.label.as_deref());
    }

    fn row(&mut self, name: &str, value: impl FnOnce(&mut Self)) {
        let _ = write!(self.out, "<dt>{}</dt><dd>", escape(name));
        value(self);
        self.raw("</dd>");
    }

    fn version(&mut self, v: &VersionRef) {
        let title = v.title.clone().unwrap_or_else(|| tail(&v.iri).to_owned());
        self.link(&v.iri, Some(&title));
        let mut meta: Vec<String> = Vec::new();
        meta.extend(v.number.clone());
        meta.extend(v.date.clone());
        meta.extend(v.status.clone());
        if !meta.is_empty() {
            let _ = write!(
                self.out,
                " <span class=\"meta\">{}</span>",
                escape(&meta.join(" · "))
            );
        }
    }
}

fn version_id(iri: &str) -> &str {
    iri.rsplit_once("/expr/").map_or(iri, |(_, id)| id)
}

fn kind_word(page: &Page) -> &'static str {
    match page.kind {
        PageKind::Agency(_) => "机构 · agency",
        PageKind::Version(_) => "文件版本 · policy version",
        PageKind::Task(_) => "任务 · task",
        PageKind::Other { .. } => "资源 · resource",
    }
}

/// The HTML page of a resource.
pub fn render(page: &Page) -> String {
    let mut h = Html {
        base: &page.base,
        out: String::with_capacity(16 * 1024),
    };
    let title = page
        .label
        .clone()
        .unwrap_or_else(|| tail(&page.iri).to_owned());
    let here = href(&page.base, &page.iri);
    let _ = write!(
        h.out,
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} · policykg</title><style>{CSS}</style>\
         <link rel=\"alternate\" type=\"text/turtle\" href=\"{h}?format=ttl\">\
         <link rel=\"alternate\" type=\"application/ld+json\" href=\"{h}?format=jsonld\">\
         </head><body>\
         <header class=\"top\"><a href=\"/\">policykg</a><span>政策知识图谱 · 查询页</span></header><main>",
        t = escape(&title),
        h = escape(&here),
    );
    let _ = write!(
        h.out,
        "<p class=\"kind\">{}</p><h1>{}</h1><p class=\"iri\">{}</p>\
         <p class=\"formats\">其他格式：<a href=\"{e}?format=ttl\">Turtle</a>\
         <a href=\"{e}?format=jsonld\">JSON-LD</a><a href=\"{e}?format=nt\">N-Triples</a></p>",
        kind_word(page),
        escape(&title),
        escape(&page.iri),
        e = escape(&here),
    );
    match &page.kind {
        PageKind::Agency(a) => agency(&mut h, a),
        PageKind::Version(v) => version(&mut h, v),
        PageKind::Task(t) => task(&mut h, t),
        PageKind::Other { inbound } => other(&mut h, page, inbound),
    }
    statements(&mut h, page);
    h.raw("</main></body></html>\n");
    h.out
}

fn statements(h: &mut Html<'_>, page: &Page) {
    let open = if matches!(page.kind, PageKind::Other { .. }) {
        " open"
    } else {
        ""
    };
    let _ = write!(
        h.out,
        "<section><details{open}><summary>全部陈述 · all statements ({})</summary>\
         <table class=\"statements\"><tbody>",
        page.statements.len()
    );
    for s in &page.statements {
        h.raw("<tr><th>");
        let label = s.predicate.label.clone();
        h.link(
            &s.predicate.iri,
            label.as_deref().or(Some(tail(&s.predicate.iri))),
        );
        h.raw("</th><td>");
        match &s.iri {
            Some(iri) => {
                let label = (s.value != *iri).then_some(s.value.as_str());
                h.link(iri, label);
            }
            None => {
                h.text(&s.value);
                if let Some(a) = &s.annotation {
                    let _ = write!(h.out, " <span class=\"meta\">{}</span>", escape(tail(a)));
                }
            }
        }
        h.raw("</td></tr>");
    }
    h.raw("</tbody></table></details></section>");
}

fn links(h: &mut Html<'_>, links: &[Link]) {
    for (i, l) in links.iter().enumerate() {
        if i > 0 {
            h.raw("、");
        }
        h.link_to(l);
    }
}

fn agency(h: &mut Html<'_>, a: &AgencyPage) {
    h.raw("<section><dl class=\"facts\">");
    if let Some(name) = &a.name {
        h.row("名称", |h| h.text(name));
    }
    if !a.aliases.is_empty() {
        h.row("别名 · 文中写法", |h| h.text(&a.aliases.join("、")));
    }
    if let Some(j) = &a.jurisdiction {
        h.row("辖区", |h| h.link_to(j));
    }
    if let Some(p) = &a.parent {
        h.row("上级机构", |h| h.link_to(p));
    }
    if !a.children.is_empty() {
        h.row("下属机构", |h| links(h, &a.children));
    }
    h.raw("</dl></section>");
    let _ = write!(
        h.out,
        "<section><h2>现行文本中的任务 · tasks in the texts in force ({})</h2>\
         <p class=\"note\">只计各政策的现行文本（<code>pkg:inView pkg:InForce</code>），\
         草案与已被取代的版本不计，与 <code>policykg tasks</code> 相同。</p>",
        a.tasks.len()
    );
    for (role, word) in [("lead", "牵头"), ("support", "配合"), ("joint", "共同负责")] {
        let tasks: Vec<_> = a.tasks.iter().filter(|t| t.role == role).collect();
        if tasks.is_empty() {
            continue;
        }
        let _ = write!(
            h.out,
            "<h3 id=\"{role}\"><span class=\"role\">{}</span> · {role} ({})</h3><ol class=\"items {role}\">",
            escape(tasks[0].role_label.as_deref().unwrap_or(word)),
            tasks.len()
        );
        for t in tasks {
            h.raw("<li>");
            h.link_to(&t.task);
            h.raw("<div class=\"meta\">");
            h.version(&t.version);
            if let Some(b) = &t.basis {
                let _ = write!(
                    h.out,
                    " · 依据：{}{}",
                    escape(b),
                    t.basis_kind
                        .as_deref()
                        .map(|k| format!(" ({})", escape(k)))
                        .unwrap_or_default()
                );
            }
            h.raw("</div></li>");
        }
        h.raw("</ol>");
    }
    if a.tasks.is_empty() {
        h.raw("<p class=\"note\">没有任务。</p>");
    }
    h.raw("</section>");
    if !a.issued.is_empty() {
        let _ = write!(
            h.out,
            "<section><h2>发布的文件 · issued ({})</h2><ul class=\"items\">",
            a.issued.len()
        );
        for v in &a.issued {
            h.raw("<li>");
            h.version(v);
            h.raw("</li>");
        }
        h.raw("</ul></section>");
    }
}

fn assignment_chips(h: &mut Html<'_>, agencies: &[Assignment]) {
    for a in agencies {
        h.raw("<span class=\"chip\">");
        h.link_to(&a.agency);
        if let Some(r) = &a.role_label {
            let _ = write!(h.out, " <span class=\"role\">{}</span>", escape(r));
        }
        h.raw("</span>");
    }
}

fn fact_list(h: &mut Html<'_>, title: &str, facts: &[Fact], with_task: bool, class: &str) {
    if facts.is_empty() {
        return;
    }
    let _ = write!(
        h.out,
        "<section><h2>{} ({})</h2><ol class=\"items {class}\">",
        escape(title),
        facts.len()
    );
    for f in facts {
        h.raw("<li>");
        let label = f.figure.clone().unwrap_or_else(|| tail(&f.iri).to_owned());
        h.link(&f.iri, Some(&label));
        if let Some(d) = &f.detail {
            let _ = write!(h.out, " <span class=\"meta\">{}</span>", escape(d));
        }
        if let Some(t) = &f.text {
            let _ = write!(h.out, "<div>{}</div>", escape(t));
        }
        if with_task {
            if let Some(t) = &f.task {
                h.raw("<div class=\"meta\">任务：");
                h.link_to(t);
                h.raw("</div>");
            }
        }
        h.raw("</li>");
    }
    h.raw("</ol></section>");
}

fn version(h: &mut Html<'_>, v: &VersionPage) {
    h.raw("<section><dl class=\"facts\">");
    if let Some(t) = &v.version.title {
        h.row("标题", |h| h.text(t));
    }
    if let Some(n) = &v.version.number {
        h.row("文号", |h| h.text(n));
    }
    if let Some(d) = &v.version.date {
        h.row("日期", |h| h.text(d));
    }
    let status: Vec<String> = v
        .status_word
        .iter()
        .chain(&v.version.status)
        .cloned()
        .collect();
    if !status.is_empty() {
        h.row("状态", |h| h.text(&status.join(" · ")));
    }
    if let Some(j) = &v.jurisdiction {
        h.row("辖区", |h| h.link_to(j));
    }
    if !v.issuers.is_empty() {
        h.row("发布机关", |h| links(h, &v.issuers));
    }
    if let Some(w) = &v.work {
        h.row("政策", |h| h.link(&w.iri, Some(tail(&w.iri))));
    }
    h.row("版本号", |h| {
        let _ = write!(h.out, "<code>{}</code>", escape(version_id(&v.version.iri)));
    });
    h.raw("</dl></section>");
    if v.versions.len() > 1 || !v.revises.is_empty() || !v.revised_by.is_empty() {
        let _ = write!(
            h.out,
            "<section><h2>版本 · versions ({})</h2><ol class=\"items versions\">",
            v.versions.len()
        );
        for other in &v.versions {
            h.raw("<li>");
            if other.iri == v.version.iri {
                h.raw("<strong>");
                h.version(other);
                h.raw("</strong> <span class=\"meta\">（本页）</span>");
            } else {
                h.version(other);
            }
            h.raw("</li>");
        }
        h.raw("</ol>");
        for older in &v.revises {
            let _ = write!(
                h.out,
                "<p class=\"note\">修订自 <a href=\"{}\">{}</a>；<a class=\"diff\" href=\"/diff/{}/{}\">修订前后对照表</a>，\
                 或：</p>\
                 <pre class=\"cmd\">policykg diff id:expr/{} id:expr/{} --format html --out 对照表.html</pre>",
                escape(&href(h.base, older)),
                escape(version_id(older)),
                escape(version_id(older)),
                escape(version_id(&v.version.iri)),
                escape(version_id(older)),
                escape(version_id(&v.version.iri)),
            );
        }
        if !v.changes.is_empty() {
            // The changes from the version revised, as data (the change graph of the link);
            // the clause-by-clause 对照表 is the command above.
            let _ = write!(
                h.out,
                "<details open><summary>与所修订版本相比的变化 · changes ({})</summary>\
                 <table class=\"statements changes\"><thead><tr><th>位置</th><th>变化</th>\
                 <th>修订前</th><th>修订后</th></tr></thead><tbody>",
                v.changes.len()
            );
            for c in &v.changes {
                h.raw("<tr><td>");
                h.text(c.locator.as_deref().unwrap_or(""));
                h.raw("</td><td>");
                h.link(&c.iri, c.label.as_deref().or(Some(c.kind.as_str())));
                h.raw("</td><td>");
                h.text(c.old.as_deref().unwrap_or("—"));
                h.raw("</td><td>");
                h.text(c.new.as_deref().unwrap_or("—"));
                h.raw("</td></tr>");
            }
            h.raw("</tbody></table></details>");
        }
        for newer in &v.revised_by {
            let _ = write!(
                h.out,
                "<p class=\"note\">被 <a href=\"{}\">{}</a> 修订</p>",
                escape(&href(h.base, newer)),
                escape(version_id(newer)),
            );
        }
        h.raw("</section>");
    }
    let _ = write!(
        h.out,
        "<section><h2>任务 · tasks ({})</h2><ol class=\"items tasks\">",
        v.tasks.len()
    );
    for t in &v.tasks {
        h.raw("<li>");
        h.link_to(&t.task);
        if !t.agencies.is_empty() {
            h.raw("<div>");
            assignment_chips(h, &t.agencies);
            h.raw("</div>");
        }
        h.raw("</li>");
    }
    h.raw("</ol></section>");
    fact_list(h, "目标 · targets", &v.targets, true, "targets");
    fact_list(h, "金额 · amounts", &v.amounts, true, "amounts");
    if !v.citations.is_empty() {
        let _ = write!(
            h.out,
            "<section><h2>引用 · cites ({})</h2><ol class=\"items citations\">",
            v.citations.len()
        );
        for c in &v.citations {
            h.raw("<li>");
            if let Some(t) = &c.title {
                let _ = write!(h.out, "《{}》", escape(t.trim_matches(['《', '》'])));
            }
            if let Some(n) = &c.number {
                match &c.work {
                    Some(w) => h.link(&w.iri, Some(n)),
                    None => h.text(n),
                }
            }
            for cited in &c.versions {
                h.raw("<div class=\"meta\">库中版本：");
                h.version(cited);
                h.raw("</div>");
            }
            h.raw("</li>");
        }
        h.raw("</ol></section>");
    }
    let citing: Vec<_> = v
        .cited_by
        .iter()
        .filter(|c| c.iri != v.version.iri)
        .collect();
    if !citing.is_empty() {
        let _ = write!(
            h.out,
            "<section><h2>被引用 · cited by ({})</h2><ul class=\"items cited-by\">",
            citing.len()
        );
        for c in citing {
            h.raw("<li>");
            h.version(c);
            h.raw("</li>");
        }
        h.raw("</ul></section>");
    }
}

fn task(h: &mut Html<'_>, t: &TaskPage) {
    h.raw("<section><dl class=\"facts\">");
    if let Some(v) = &t.version {
        h.row("所属文件", |h| h.version(v));
    }
    if let Some(p) = &t.path {
        h.row("位置", |h| h.text(p));
    }
    if let Some(d) = &t.deadline {
        h.row("完成时限", |h| h.text(d));
    }
    if let (Some(s), Some(e)) = (t.start, t.end) {
        h.row("字符位置", |h| h.text(&format!("{s}–{e}")));
    }
    h.raw("</dl></section>");
    h.raw(
        "<section><h2>正文 · text</h2><p class=\"note legend\"><mark class=\"agency\">责任单位</mark> \
         <mark class=\"target\">目标</mark> <mark class=\"amount\">金额</mark></p><div class=\"text\">",
    );
    for (piece, facts) in describe::highlights(t) {
        if facts.is_empty() {
            h.text(&piece);
            continue;
        }
        let class = if facts.iter().all(|f| f.0 == facts[0].0) {
            match facts[0].0 {
                Highlight::Agency => "agency",
                Highlight::Target => "target",
                Highlight::Amount => "amount",
            }
        } else {
            "many"
        };
        let titles: Vec<String> = facts
            .iter()
            .filter_map(|(kind, i)| match kind {
                Highlight::Agency => t.agencies.get(*i).map(|a| {
                    let name = a.agency.label.clone().unwrap_or_default();
                    match &a.role_label {
                        Some(r) => format!("{name}（{r}）"),
                        None => name,
                    }
                }),
                Highlight::Target => t.targets.get(*i).and_then(|f| f.figure.clone()),
                Highlight::Amount => t.amounts.get(*i).and_then(|f| f.figure.clone()),
            })
            .collect();
        let _ = write!(
            h.out,
            "<mark class=\"{class}\" title=\"{}\">{}</mark>",
            escape(&titles.join("；")),
            escape(&piece)
        );
    }
    h.raw("</div></section>");
    if !t.agencies.is_empty() {
        let _ = write!(
            h.out,
            "<section><h2>责任单位 · agencies ({})</h2><ol class=\"items agencies\">",
            t.agencies.len()
        );
        for a in &t.agencies {
            h.raw("<li>");
            h.link_to(&a.agency);
            if let Some(r) = &a.role_label {
                let _ = write!(h.out, " <span class=\"role\">{}</span>", escape(r));
            }
            let mut meta = Vec::new();
            if let Some(m) = &a.mention {
                meta.push(format!("文中写作「{m}」"));
            }
            if let Some(b) = &a.basis {
                meta.push(format!("依据：{b}"));
            }
            if !meta.is_empty() {
                let _ = write!(
                    h.out,
                    "<div class=\"meta\">{}</div>",
                    escape(&meta.join(" · "))
                );
            }
            h.raw("</li>");
        }
        h.raw("</ol></section>");
    }
    fact_list(h, "目标 · targets", &t.targets, false, "targets");
    fact_list(h, "金额 · amounts", &t.amounts, false, "amounts");
}

fn other(h: &mut Html<'_>, page: &Page, inbound: &[(Link, Link)]) {
    if !page.types.is_empty() {
        h.raw("<section><dl class=\"facts\">");
        h.row("类型", |h| links(h, &page.types));
        h.raw("</dl></section>");
    }
    if !inbound.is_empty() {
        let _ = write!(
            h.out,
            "<section><h2>指向此资源 · linked from ({}{})</h2><ul class=\"items inbound\">",
            inbound.len(),
            if inbound.len() >= 500 { "+" } else { "" }
        );
        for (s, p) in inbound {
            h.raw("<li>");
            h.link_to(s);
            h.raw(" <span class=\"meta\">");
            h.link(&p.iri, p.label.as_deref().or(Some(tail(&p.iri))));
            h.raw("</span></li>");
        }
        h.raw("</ul></section>");
    }
}

fn not_found_page(uri: &Uri, message: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>未找到 · policykg</title><style>{CSS}</style></head><body>\
         <header class=\"top\"><a href=\"/\">policykg</a><span>政策知识图谱 · 查询页</span></header><main>\
         <p class=\"kind\">404 · not found</p><h1>库中没有这个资源</h1>\
         <section><p>{}</p><p class=\"iri\">{}</p>\
         <p>IRI 由 <code>policykg ingest</code> 生成；地址可能拼错，或该文件尚未导入。\
         The store describes no resource with this IRI: the address may be mistyped, or the document \
         not ingested yet. <a href=\"/\">查询页 · query page</a></p></section></main></body></html>\n",
        escape(message),
        escape(uri.path()),
    )
}

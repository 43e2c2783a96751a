//! The part of annotate-snippets' API that serde-saphyr uses, rendering plain text (see
//! README.md). Spans are byte offsets into the snippet's source; a span that is not on
//! character boundaries is rendered without its marker.

use std::borrow::Cow;
use std::fmt::Write;
use std::ops::Range;

/// How bad: names the title's prefix ("error", "note").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Level<'a> {
    name: &'a str,
}

impl<'a> Level<'a> {
    pub const ERROR: Level<'static> = Level { name: "error" };
    pub const WARNING: Level<'static> = Level { name: "warning" };
    pub const INFO: Level<'static> = Level { name: "info" };
    pub const NOTE: Level<'static> = Level { name: "note" };
    pub const HELP: Level<'static> = Level { name: "help" };

    /// A message's title at this level.
    pub fn primary_title(self, text: impl Into<Cow<'a, str>>) -> Title<'a> {
        Title {
            level: self.name,
            text: text.into(),
        }
    }
}

/// A titled message.
#[derive(Clone, Debug)]
pub struct Title<'a> {
    level: &'a str,
    text: Cow<'a, str>,
}

impl<'a> Title<'a> {
    /// The message with one element (a snippet).
    pub fn element(self, element: impl Into<Element<'a>>) -> Group<'a> {
        Group {
            title: self,
            elements: vec![element.into()],
        }
    }
}

/// A message: its title and snippets.
#[derive(Clone, Debug)]
pub struct Group<'a> {
    title: Title<'a>,
    elements: Vec<Element<'a>>,
}

/// A snippet in a message.
#[derive(Clone, Debug)]
pub struct Element<'a>(Snippet<'a, Annotation<'a>>);

impl<'a> From<Snippet<'a, Annotation<'a>>> for Element<'a> {
    fn from(snippet: Snippet<'a, Annotation<'a>>) -> Self {
        Element(snippet)
    }
}

/// Source text with marked spans.
#[derive(Clone, Debug)]
pub struct Snippet<'a, T> {
    source: Cow<'a, str>,
    line_start: usize,
    path: Option<Cow<'a, str>>,
    annotations: Vec<T>,
}

impl<'a, T> Snippet<'a, T> {
    /// A snippet of `source`, whose first line is line 1 until [`Snippet::line_start`].
    pub fn source(source: impl Into<Cow<'a, str>>) -> Self {
        Snippet {
            source: source.into(),
            line_start: 1,
            path: None,
            annotations: Vec::new(),
        }
    }

    /// The number of the source's first line.
    pub fn line_start(mut self, line: usize) -> Self {
        self.line_start = line;
        self
    }

    /// The file the source comes from.
    pub fn path(mut self, path: impl Into<Cow<'a, str>>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Accepted for the API's sake: lines are never folded here.
    pub fn fold(self, _fold: bool) -> Self {
        self
    }

    /// Marks a span.
    pub fn annotation(mut self, annotation: T) -> Self {
        self.annotations.push(annotation);
        self
    }
}

/// What kind of mark a span gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnotationKind {
    /// The span the message is about (`^`).
    Primary,
    /// A span that adds context (`-`).
    Context,
}

impl AnnotationKind {
    /// A mark of this kind on `span`.
    pub fn span<'a>(self, span: Range<usize>) -> Annotation<'a> {
        Annotation {
            kind: self,
            span,
            label: None,
        }
    }
}

/// A marked span and its label.
#[derive(Clone, Debug)]
pub struct Annotation<'a> {
    kind: AnnotationKind,
    span: Range<usize>,
    label: Option<Cow<'a, str>>,
}

impl<'a> Annotation<'a> {
    /// Text written after the mark.
    pub fn label(mut self, label: impl Into<Cow<'a, str>>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// Renderer settings.
pub mod renderer {
    /// The characters frames are drawn with; both are ASCII here.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum DecorStyle {
        /// ASCII.
        Ascii,
        /// Box drawing characters (drawn as ASCII here).
        Unicode,
    }
}

/// Writes messages as plain text.
#[derive(Clone, Copy, Debug, Default)]
pub struct Renderer;

impl Renderer {
    /// A renderer without colours.
    pub fn plain() -> Self {
        Renderer
    }

    /// Accepted for the API's sake: the frame is always ASCII.
    pub fn decor_style(self, _style: renderer::DecorStyle) -> Self {
        self
    }

    /// The messages as text: each title, then for each mark its line with `^` (or `-`) under
    /// the span and the label.
    pub fn render(&self, groups: &[Group<'_>]) -> String {
        let mut out = String::new();
        for group in groups {
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = write!(out, "{}: {}", group.title.level, group.title.text);
            for Element(snippet) in &group.elements {
                for annotation in &snippet.annotations {
                    mark(&mut out, snippet, annotation);
                }
            }
        }
        out
    }
}

fn mark(out: &mut String, snippet: &Snippet<'_, Annotation<'_>>, annotation: &Annotation<'_>) {
    let source = snippet.source.as_ref();
    let start = annotation.span.start.min(source.len());
    let end = annotation.span.end.clamp(start, source.len());
    if !source.is_char_boundary(start) || !source.is_char_boundary(end) {
        return;
    }
    let line_begin = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = snippet.line_start + source[..line_begin].matches('\n').count();
    let number = line.to_string();
    let _ = write!(out, "\n{:width$}--> ", "", width = number.len());
    if let Some(path) = &snippet.path {
        let _ = write!(out, "{path}:");
    }
    let _ = write!(out, "{line}\n{number} | {}", &source[line_begin..line_end]);
    let indent = source[line_begin..start].chars().count();
    let width = source[start..end.min(line_end)].chars().count().max(1);
    let marker = if annotation.kind == AnnotationKind::Primary {
        "^"
    } else {
        "-"
    };
    let _ = write!(
        out,
        "\n{:number_width$} | {:indent$}{}",
        "",
        "",
        marker.repeat(width),
        number_width = number.len(),
    );
    if let Some(label) = annotation.label.as_deref().filter(|l| !l.is_empty()) {
        let _ = write!(out, " {label}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_names_the_line_and_marks_the_span() {
        let text = "name: x\nunits: many\n";
        let report = &[Level::ERROR.primary_title("invalid type").element(
            Snippet::source(text)
                .line_start(1)
                .path("plan.yaml")
                .fold(false)
                .annotation(
                    AnnotationKind::Primary
                        .span(15..19)
                        .label("expected a number"),
                ),
        )];
        let rendered = Renderer::plain()
            .decor_style(renderer::DecorStyle::Ascii)
            .render(report);
        assert_eq!(
            rendered,
            "error: invalid type\n --> plan.yaml:2\n2 | units: many\n  |        ^^^^ expected a number"
        );
        // Spans outside the text or inside a character are not marked, never a panic.
        let odd = &[Level::NOTE
            .primary_title("n")
            .element(Snippet::source("é").annotation(AnnotationKind::Context.span(1..9)))];
        assert_eq!(Renderer::plain().render(odd), "note: n");
    }
}

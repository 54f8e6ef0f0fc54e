package classify

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/chaff-dev/chaff/internal/features"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lang"
	"github.com/chaff-dev/chaff/internal/lexicon"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/signals"
)

// DefaultThreshold is the noise score from which the model alone drops a
// line.
const DefaultThreshold = 0.5

// Config chooses the resources and the policy of a Classifier. The zero
// value gives the embedded model, lexicon and stopwords and the default
// policy.
type Config struct {
	// TextModel classifies text documents: a model of kind
	// model.AccurateText (nil: the embedded one) or model.FastText, for
	// pipelines that need the speed more than the last points of
	// accuracy. A fast model's documents have no language; their title is
	// the first kept line when that line has the shape of a heading (a few
	// words that do not end like a sentence), a later line of that shape
	// is a heading, and their reasons are the model's inputs only.
	TextModel *model.Model
	// HTMLModel classifies HTML pages: a model of kind model.FastHTML
	// (nil: the embedded one) or model.AccurateHTML.
	HTMLModel *model.Model
	Lexicon   *lexicon.Lexicon // nil: the embedded default lexicon
	Languages *lang.Detector   // nil: the embedded stopword lists
	Threshold float64          // 0: DefaultThreshold
	// Keep lists noise categories that are kept rather than dropped: their
	// lines are labelled keep/body and still carry the category and score.
	Keep []label.Category
	// SkipReasons leaves Line.Reasons empty, for callers that only need
	// the decisions (clean): explaining a line costs as much as scoring it.
	SkipReasons bool
	// StopEarly lets the fast text model stop adding up a line's trees
	// once the trees left cannot carry its sum back across the threshold
	// (see model.Model.DecideFast), for callers that need the
	// decisions and not the scores (clean): exactly the same decisions,
	// and the scores of the lines decided early only partial sums. The
	// other models ignore it.
	StopEarly bool
	// MaxLines, when positive, bounds the lines of a document that
	// ClassifyWindows and ClassifyPageWindows classify: a document with
	// more fails with a *TooManyLinesError. Classify, which returns no
	// error, ignores it.
	MaxLines int
	// MaxTags bounds the markup of an HTML page, counted as its '<'
	// bytes, before it is parsed (htmltext.Options.MaxTags): zero means
	// htmltext.DefaultMaxTags, a negative value no limit.
	MaxTags int
	// NoFallback turns the floor off: a document the model empties (it
	// keeps fewer than 5 words, its title included, of at least 20) stays
	// empty instead of getting its best block of lines back (see
	// Document.Fallback).
	NoFallback bool
}

// Classifier labels documents. Build one with New; it is safe for use by
// several goroutines at once.
type Classifier struct {
	env        signals.Env
	text       *model.Model
	fast       bool // text is a model.FastText model
	htmlModel  *model.Model
	threshold  float64
	keep       map[label.Category]bool
	reasons    bool
	stopEarly  bool      // see Config.StopEarly
	noFallback bool      // see Config.NoFallback
	fastWork   sync.Pool // of *fastWork, one per goroutine classifying at a time
	windows    sync.Pool // of *window, one per goroutine classifying at a time
	maxLines   int       // see Config.MaxLines
	maxTags    int       // see Config.MaxTags
}

// New builds a Classifier.
func New(cfg Config) (*Classifier, error) {
	c := &Classifier{text: cfg.TextModel, htmlModel: cfg.HTMLModel, threshold: cfg.Threshold, keep: map[label.Category]bool{}, reasons: !cfg.SkipReasons, stopEarly: cfg.StopEarly, maxLines: cfg.MaxLines, maxTags: cfg.MaxTags, noFallback: cfg.NoFallback}
	c.env.Lexicon, c.env.Lang = cfg.Lexicon, cfg.Languages
	var err error
	if c.text == nil {
		if c.text, err = model.Embedded(model.AccurateText); err != nil {
			return nil, err
		}
	}
	if c.htmlModel == nil {
		if c.htmlModel, err = model.Embedded(model.FastHTML); err != nil {
			return nil, err
		}
	}
	c.fast = c.text.Kind == model.FastText
	if c.htmlModel.Kind == model.FastText {
		return nil, fmt.Errorf("classify: a %v model cannot classify HTML pages", c.htmlModel.Kind)
	}
	if c.env.Lexicon == nil {
		if c.env.Lexicon, err = lexicon.Default(); err != nil {
			return nil, err
		}
	}
	if c.env.Lang == nil {
		c.env.Lang = lang.Default()
	}
	if c.threshold == 0 {
		c.threshold = DefaultThreshold
	}
	if c.threshold < 0 || c.threshold > 1 {
		return nil, fmt.Errorf("classify: threshold %v is outside [0,1]", c.threshold)
	}
	known := map[label.Category]bool{}
	for _, k := range label.Categories() {
		known[k] = true
	}
	for _, k := range cfg.Keep {
		if !known[k] {
			return nil, fmt.Errorf("classify: unknown noise category %q", k)
		}
		c.keep[k] = true
	}
	return c, nil
}

// Document is a classified document.
type Document struct {
	// Data is the text the lines are cut from: the input itself in text
	// mode, the page's text (one line per block) in HTML mode.
	Data  []byte
	Lines []Line // one per line of Data; their Text and EOL slice Data
	Lang  string // detected language, "" when unknown
	HTML  bool   // made from an HTML page
	// Fallback names what kept lines of a document the model emptied
	// (FallbackBestBlock), "" when the model's decisions stand; the lines
	// it kept carry the reason "fallback:" + Fallback.
	Fallback string
}

// Classify labels every line of a text document. data is not modified
// and the lines refer to it.
func (c *Classifier) Classify(data []byte) *Document {
	doc := new(Document)
	c.ClassifyTo(doc, data)
	return doc
}

// ClassifyTo is Classify into doc, in the storage of the lines doc held
// before when there are enough of them: a caller that is done with each
// document before the next, such as a pipeline stage, passes the same
// Document again and again, and allocates no line records once it is
// big enough. They are most of what classifying allocates with the fast
// text model. Everything doc held before is overwritten.
func (c *Classifier) ClassifyTo(doc *Document, data []byte) {
	c.collect(doc, data, nil, !c.fastText())
}

// classifyPart labels the lines of one window into doc: in HTML mode
// given the page, else with the text model. titled tells whether an
// earlier window labelled a title, and becomes true once one has. The
// floor (see fallback) applies to a document of one window: a longer
// one has no window that sees all its lines.
func (c *Classifier) classifyPart(doc *Document, p *part, page *htmltext.Page, titled *bool) {
	switch {
	case page != nil:
		sub := *page
		sub.Lines = page.Lines[p.first : p.first+len(p.spans)]
		c.classify(doc, p, &sub, c.htmlModel, titled)
		for i := range doc.Lines {
			doc.Lines[i].Path = sub.Lines[p.lo+i].Path
		}
	case c.fastText():
		c.classifyFast(doc, p, titled)
	default:
		c.classify(doc, p, nil, c.text, titled)
	}
	if p.whole {
		c.fallback(doc)
	}
}

// reset makes doc a document of data with n lines, all zero, in the
// storage of its lines when it is big enough.
func (doc *Document) reset(data []byte, n int) {
	if cap(doc.Lines) < n {
		*doc = Document{Data: data, Lines: make([]Line, n)}
		return
	}
	lines := doc.Lines[:n]
	clear(lines)
	*doc = Document{Data: data, Lines: lines}
}

// ClassifyHTML turns an HTML page into lines, one per block of text in
// reading order (see package htmltext), and labels them with the DOM
// signals and the HTML model. contentType is the HTTP header, if known,
// for the charset. go-readability runs only for an HTML model that reads
// its signal (model.Model.Readability).
func (c *Classifier) ClassifyHTML(data []byte, contentType string) (*Document, error) {
	page, err := htmltext.Extract(data, contentType, c.HTMLOptions())
	if err != nil {
		return nil, err
	}
	return c.ClassifyPage(page), nil
}

// HTMLOptions returns the options of htmltext.Extract for the pages this
// classifier labels (see ClassifyPage).
func (c *Classifier) HTMLOptions() htmltext.Options {
	return htmltext.Options{Readability: c.htmlModel.Readability, MaxTags: c.maxTags}
}

// ClassifyPage labels the lines of a page htmltext.Extract made, with
// Options.Readability set as the HTML model's Readability.
func (c *Classifier) ClassifyPage(page *htmltext.Page) *Document {
	doc := new(Document)
	c.collect(doc, page.Text, page, true)
	return doc
}

// classify labels the lines of one window into doc with the default
// model m, in text mode or, given the page (its lines the window's), in
// HTML mode.
func (c *Classifier) classify(doc *Document, p *part, page *htmltext.Page, m *model.Model, titled *bool) {
	title := -1
	if page != nil {
		title = page.Headline - p.first
	}
	sd := signals.AnalyzeTitled(&c.env, p.data, p.spans, p.lang, title)
	vec := features.Build(sd, page)
	scores := m.Score(sd, vec)
	doc.reset(p.doc, p.hi-p.lo)
	doc.Lang, doc.HTML = sd.Lang, page != nil
	var ex *model.Explainer
	if c.reasons {
		ex = m.Explainer()
	}
	for i := p.lo; i < p.hi; i++ {
		s := p.spans[i]
		l := &doc.Lines[i-p.lo]
		l.Number, l.Offset = p.first+i+1, int64(p.base+s.Start)
		l.Text, l.EOL = p.data[s.Start:s.End:s.End], p.data[s.End:s.Next:s.Next]
		if sd.Lines[i].Blank() {
			l.Label = label.Blank
			continue
		}
		c.decide(m, sd, vec, scores, i, l, *titled)
		if ex != nil {
			c.explain(ex, sd, vec, scores, i, l)
		}
	}
	for i := range doc.Lines {
		*titled = *titled || doc.Lines[i].Kind == label.Title
	}
}

// ClassifyReader reads all of r and classifies it.
func (c *Classifier) ClassifyReader(r io.Reader) (*Document, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return c.Classify(data), nil
}

// decide labels one non-blank line from its evidence and its model score;
// the line chosen as title is one only if no earlier window (titled)
// labelled one.
func (c *Classifier) decide(m *model.Model, sd *signals.Doc, vec *features.Vectors, scores model.Scores, i int, l *Line, titled bool) {
	p := scores.P[i]
	sl := &sd.Lines[i]
	best := sl.Best()
	l.Score = p
	switch {
	case sl.Ctx.IsTitle && p < titleVeto && !titled:
		l.Label, l.Kind = label.Keep, label.Title
	case p >= c.threshold:
		l.Label, l.Cat = label.Drop, category(m, sl, vec, i, best)
	default:
		l.Label, l.Kind = label.Keep, kind(m, sl, vec, i)
	}
	if l.Label == label.Drop && c.keep[l.Cat] {
		l.Label, l.Kind = label.Keep, label.Body
	}
}

// explain gives line i its reasons: the lexicon and rule evidence that
// fired, then the three model inputs that weighed most on its score.
func (c *Classifier) explain(ex *model.Explainer, sd *signals.Doc, vec *features.Vectors, scores model.Scores, i int, l *Line) {
	sl := &sd.Lines[i]
	var buf [3]model.Contribution
	cts := ex.Explain(buf[:0], sd, vec, &scores, i, 3)
	l.Reasons = make([]Reason, 0, len(sl.Evidence)+len(cts)+1)
	for _, e := range sl.Evidence {
		l.Reasons = append(l.Reasons, Reason{Code: e.Code(), Text: e.Text(), Weight: e.Strength})
	}
	l.Reasons = appendModelReasons(l.Reasons, cts, l)
}

// appendModelReasons appends to rs the reasons for the model inputs cts
// that weighed on l's decision, then, if l's category was kept by
// configuration, the reason for that.
func appendModelReasons(rs []Reason, cts []model.Contribution, l *Line) []Reason {
	for _, ct := range cts {
		rs = append(rs, modelReason(ct.Feature, ct.Weight))
	}
	if l.Label == label.Keep && l.Cat != "" {
		rs = append(rs, Reason{Code: "policy:keep(" + string(l.Cat) + ")", Text: "its category is kept by configuration"})
	}
	return rs
}

// modelReason is the reason for a model input that weighed on a decision.
func modelReason(feature string, weight float64) Reason {
	dir := "towards noise"
	if weight < 0 {
		dir = "towards content"
	}
	return Reason{
		Code:   "model:" + feature,
		Text:   fmt.Sprintf("%s weighs %s (%+.2f)", strings.ReplaceAll(feature, "-", " "), dir, weight),
		Weight: weight,
	}
}

// titleVeto is the noise score from which even the line chosen as title
// is dropped.
const titleVeto = 0.98

// category names the noise of a dropped line: the model's category
// classifier when it has one, which weighs the lexicon and rule evidence
// among its inputs; else the strongest evidence; else by position.
func category(m *model.Model, sl *signals.Line, vec *features.Vectors, i int, best *signals.Evidence) label.Category {
	if m.Categories != nil {
		name := m.Categories.Best(vec.Row(i), vec.Hashed(i))
		return label.Category(name)
	}
	return fallbackCategory(sl, best)
}

// fallbackCategory names the noise of a dropped line for a model without a
// category classifier: the strongest evidence if any, a line after the
// main text as teaser, anything else as navigation.
func fallbackCategory(sl *signals.Line, best *signals.Evidence) label.Category {
	switch {
	case best != nil:
		return label.Category(best.Category)
	case sl.Ctx.Zone == signals.Tail && sl.ReadWords() >= 4:
		return label.Teaser
	default:
		return label.Navigation
	}
}

// kind tells a heading from a paragraph among kept lines: the model's kind
// classifier when it has one, else kindOf.
func kind(m *model.Model, sl *signals.Line, vec *features.Vectors, i int) label.Kind {
	if m.Kinds != nil {
		name := m.Kinds.Best(vec.Row(i), vec.Hashed(i))
		return label.Kind(name)
	}
	return kindOf(sl)
}

// kindOf tells a heading from a paragraph by shape: a heading is a short
// line without sentence-final punctuation that stands between prose.
func kindOf(sl *signals.Line) label.Kind {
	if sl.ReadWords() <= 15 && !sl.EndsSentence() && sl.Ctx.ProseFwd <= 1 && sl.Ctx.ProseBack <= 2 && !sl.IsProse() {
		return label.Heading
	}
	return label.Body
}

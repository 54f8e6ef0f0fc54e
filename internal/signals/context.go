package signals

// Zone is where a line stands relative to the document's main text.
type Zone uint8

// Zones of a document.
const (
	Head Zone = iota // before the main text
	Main             // inside the main text
	Tail             // after the main text
)

// Context is what the document around a line says about it.
type Context struct {
	Zone      Zone
	RelPos    float64 // position of the line in the document, 0 first, 1 last
	ShortRun  int     // length of the run of short lines holding this one (blank lines skipped); 0 if not short
	ProseBack int     // non-blank lines back to the nearest prose line (MaxDist if none)
	ProseFwd  int     // non-blank lines forward to the nearest prose line (MaxDist if none)
	NumNear   int     // numeric, change or pair lines among the 3 non-blank lines on each side
	Prev      int     // index of the previous non-blank line, -1 if none
	Next      int     // index of the next non-blank line, -1 if none
	IsTitle   bool    // the line chosen as the document's title
	TitleRep  bool    // the title again, after its first occurrence
	ProseFrac float64 // share of the document's prose letters before this line
	Density   float64 // prose letters among the 3 non-blank lines on each side, over the document's densest such window
	RelSize   float64 // the line's letters over the largest line's letters in the document
	MainDist  int     // non-blank lines from the main text: 0 inside, then 1, 2, … up to MaxDist
	AfterRep  int     // non-blank lines since the first repeat of the title (0 before it or without one), capped at MaxDist
	// MainOverlap is the share of the line's content words that the main
	// text's other paragraphs use too.
	MainOverlap float64
	// TitleOverlap is the share of the line's content words in the title.
	TitleOverlap float64
	Copies       int // other lines of the document with the same words, capped at 5
}

// MaxDist caps line distances.
const MaxDist = 20

// mainRegion finds the densest run of prose: the contiguous stretch of
// non-blank lines that maximises prose letters minus a penalty for every
// other line, the body-text extraction idea of Finn, Kushmerick and Smyth.
// It returns the first and last index of the region, or -1, -1 when the
// document has no prose.
func mainRegion(ls []Line) (int, int) {
	best, bestStart, bestEnd := 0, -1, -1
	sum, start := 0, -1
	for i := range ls {
		l := &ls[i]
		if l.Blank() {
			continue
		}
		var v int
		if l.prose {
			v = l.Letters
		} else {
			v = -(20 + l.Letters)
		}
		if sum <= 0 {
			sum, start = 0, i
		}
		sum += v
		if sum > best {
			best, bestStart, bestEnd = sum, start, i
		}
	}
	return bestStart, bestEnd
}

// fillContext sets the Context of every line.
func fillContext(d *Doc) {
	ls := d.Lines
	n := len(ls)
	d.MainStart, d.MainEnd = mainRegion(ls)
	totalProse := 0
	for i := range ls {
		if ls[i].prose {
			totalProse += ls[i].Letters
		}
	}
	// Links to neighbours and prose distances, backwards then forwards.
	prev, lastProse, dist := -1, -1, MaxDist
	proseSeen := 0
	for i := range ls {
		l := &ls[i]
		if n > 1 {
			l.Ctx.RelPos = float64(i) / float64(n-1)
		}
		if totalProse > 0 {
			l.Ctx.ProseFrac = float64(proseSeen) / float64(totalProse)
		}
		if l.prose {
			proseSeen += l.Letters
		}
		switch {
		case d.MainStart < 0 || i < d.MainStart:
			l.Ctx.Zone = Head
		case i > d.MainEnd:
			l.Ctx.Zone = Tail
		default:
			l.Ctx.Zone = Main
		}
		if l.Blank() {
			continue
		}
		l.Ctx.Prev = prev
		if prev >= 0 {
			ls[prev].Ctx.Next = i
		}
		prev = i
		if lastProse >= 0 {
			dist = min(dist+1, MaxDist)
		}
		l.Ctx.ProseBack = dist
		if lastProse < 0 {
			l.Ctx.ProseBack = MaxDist
		}
		if l.prose {
			lastProse, dist = i, 0
		}
	}
	if prev >= 0 {
		ls[prev].Ctx.Next = -1
	}
	dist = MaxDist
	seen := false
	for i := n - 1; i >= 0; i-- {
		l := &ls[i]
		if l.Blank() {
			continue
		}
		if seen {
			dist = min(dist+1, MaxDist)
		}
		l.Ctx.ProseFwd = dist
		if !seen {
			l.Ctx.ProseFwd = MaxDist
		}
		if l.prose {
			seen, dist = true, 0
		}
	}
	shortRuns(ls)
	numbersNear(ls)
	density(d)
}

// density sets Density, RelSize and MainDist: how much prose surrounds a
// line, how big it is beside the document's biggest line, and how far it
// stands from the main text.
func density(d *Doc) {
	ls := d.Lines
	var idx []int
	maxLetters := 1
	for i := range ls {
		if !ls[i].Blank() {
			idx = append(idx, i)
			maxLetters = max(maxLetters, ls[i].Letters)
		}
	}
	prose := func(i int) int {
		if ls[i].prose {
			return ls[i].Letters
		}
		return 0
	}
	const w = 3
	win := make([]int, len(idx))
	best := 1
	sum := 0
	for k := 0; k < len(idx) && k <= w; k++ {
		sum += prose(idx[k])
	}
	for k := range idx {
		win[k] = sum
		best = max(best, sum)
		if k-w >= 0 {
			sum -= prose(idx[k-w])
		}
		if k+w+1 < len(idx) {
			sum += prose(idx[k+w+1])
		}
	}
	pos := 0
	for k, i := range idx {
		l := &ls[i]
		l.Ctx.Density = float64(win[k]) / float64(best)
		l.Ctx.RelSize = float64(l.Letters) / float64(maxLetters)
		switch {
		case d.MainStart < 0:
			l.Ctx.MainDist = MaxDist
		case i < d.MainStart:
			l.Ctx.MainDist = -1
		case i > d.MainEnd:
			l.Ctx.MainDist = min(MaxDist, pos+1)
			pos++
		}
	}
	before := 0
	for k := len(idx) - 1; k >= 0; k-- {
		i := idx[k]
		if d.MainStart >= 0 && i < d.MainStart {
			before++
			ls[i].Ctx.MainDist = min(MaxDist, before)
		}
	}
}

// shortRuns sets ShortRun: menus and ticker blocks are runs of short
// lines, blank lines between them notwithstanding.
func shortRuns(ls []Line) {
	i := 0
	for i < len(ls) {
		if ls[i].Blank() || !ls[i].Short() {
			i++
			continue
		}
		j, members := i, 0
		for j < len(ls) && (ls[j].Blank() || ls[j].Short()) {
			if !ls[j].Blank() {
				members++
			}
			j++
		}
		for k := i; k < j; k++ {
			if !ls[k].Blank() {
				ls[k].Ctx.ShortRun = members
			}
		}
		i = j
	}
}

// numbersNear counts the numeric-looking lines around each line.
func numbersNear(ls []Line) {
	const numeric = Numeric | Change | Pair
	for i := range ls {
		if ls[i].Blank() {
			continue
		}
		c := 0
		for k, j := 0, ls[i].Ctx.Prev; k < 3 && j >= 0; k, j = k+1, ls[j].Ctx.Prev {
			if ls[j].Shape&numeric != 0 {
				c++
			}
		}
		for k, j := 0, ls[i].Ctx.Next; k < 3 && j >= 0; k, j = k+1, ls[j].Ctx.Next {
			if ls[j].Shape&numeric != 0 {
				c++
			}
		}
		ls[i].Ctx.NumNear = c
	}
}

// Package corpusgen writes large synthetic JSONL corpora of scraped news
// pages for speed and memory measurements of chaff: every document has a
// title, a byline, paragraphs of prose and the noise lines chaff removes
// (teasers, reading times, share buttons, cookie banners), and the pages
// of each site share a footer, so repeated-line detection has work to do.
// The output is deterministic for a given seed.
package corpusgen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// Config sizes a corpus.
type Config struct {
	Size  int64  // stop after the first document that reaches this many bytes
	Seed  uint64 // same seed, same corpus
	Sites int    // number of sites the documents are spread over (default 50)
}

var words = strings.Fields(`le la les un une des du de et à en pour sur dans avec par au aux ce cette
ville conseil maire budget école rue projet travaux habitants commune région quartier marché
gouvernement ministre loi réforme entreprise salariés emploi prix hausse baisse année mois semaine
lundi mardi mercredi jeudi vendredi a adopté annoncé présenté prévu décidé estimé expliqué
nouveau nouvelle grand grande premier première dernier public publique local locale national
the council city mayor budget school street project residents market government minister law
company workers prices rise fall year month week announced presented expected decided said new`)

var noise = []string{
	"Lire aussi : %s",
	"À lire aussi : %s",
	"%d min de lecture",
	"Partager sur Facebook",
	"Partager sur Twitter",
	"Nous utilisons des cookies pour améliorer votre expérience. Accepter",
	"Abonnez-vous à notre newsletter",
	"Publicité",
	"CAC 40 %d,%d +0,%d%%",
	"Par %s, publié le %d mars 2024 à %dh%d",
}

// Write writes documents as JSON lines to w until cfg.Size bytes are
// written, and returns the number of documents and bytes.
func Write(w io.Writer, cfg Config) (docs int, n int64, err error) {
	if cfg.Sites <= 0 {
		cfg.Sites = 50
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 1<<20)
	var text strings.Builder
	for n < cfg.Size {
		site := rng.IntN(cfg.Sites)
		text.Reset()
		doc(&text, rng, site)
		rec := struct {
			ID   string `json:"id"`
			URL  string `json:"url"`
			Text string `json:"text"`
			Lang string `json:"lang"`
		}{fmt.Sprintf("doc-%d", docs), fmt.Sprintf("https://www.site%d.example/article/%d", site, docs), text.String(), "fr"}
		line, err := json.Marshal(rec)
		if err != nil {
			return docs, n, err
		}
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return docs, n, err
		}
		n += int64(len(line))
		docs++
	}
	return docs, n, bw.Flush()
}

// doc writes one page of site.
func doc(b *strings.Builder, rng *rand.Rand, site int) {
	sentence := func(min, max int) string {
		k := min + rng.IntN(max-min+1)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = words[rng.IntN(len(words))]
		}
		s := strings.Join(ws, " ")
		return strings.ToUpper(s[:1]) + s[1:]
	}
	noiseLine := func() string {
		f := noise[rng.IntN(len(noise))]
		switch strings.Count(f, "%") - 2*strings.Count(f, "%%") {
		case 0:
			return f
		case 1:
			if strings.Contains(f, "%s") {
				return fmt.Sprintf(f, sentence(5, 10))
			}
			return fmt.Sprintf(f, 1+rng.IntN(15))
		case 3:
			return fmt.Sprintf(f, 7000+rng.IntN(900), rng.IntN(100), rng.IntN(100))
		default:
			return fmt.Sprintf(f, "Jeanne Martin", 1+rng.IntN(28), rng.IntN(24), rng.IntN(60))
		}
	}
	b.WriteString(sentence(6, 12))
	b.WriteByte('\n')
	b.WriteString(noiseLine())
	b.WriteByte('\n')
	paras := 3 + rng.IntN(10)
	for range paras {
		if rng.IntN(4) == 0 {
			b.WriteString(noiseLine())
			b.WriteByte('\n')
		}
		for s := range 2 + rng.IntN(5) {
			if s > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sentence(8, 25))
			b.WriteByte('.')
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(b, "© Le Journal du site %d, tous droits réservés. Mentions légales\n", site)
}

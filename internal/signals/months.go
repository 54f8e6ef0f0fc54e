package signals

// months holds month names and their usual abbreviations, folded, in the
// languages chaff supports: English, French, German, Spanish, Italian,
// Portuguese and Dutch.
var months = set(
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
	"janv", "fevr", "avr", "juil",
	"januar", "februar", "marz", "maerz", "juni", "juli", "oktober", "dezember", "jänner", "janner",
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre",
	"gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
	"janeiro", "fevereiro", "marco", "maio", "junho", "julho", "setembro", "outubro", "novembro", "dezembro",
	"januari", "februari", "maart", "mei", "augustus",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func isMonth(folded []byte) bool { return months[string(folded)] }

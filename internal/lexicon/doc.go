// Package lexicon finds known noise phrases ("lire aussi", "5 min read",
// "please enable JavaScript", "Impressum"...) in lines of scraped text and
// says which noise category of docs/labeling.md each one signals.
//
// # Data
//
// Phrases live in plain text files, internal/lexicon/data/<lang>/<category>.txt,
// embedded in the binary (Default) or read from a user's own directory of
// the same layout (Load). <lang> is a language code such as fr or en, or
// "mul" for phrases that belong to no one language (agency names, ©);
// <category> is a category name of docs/labeling.md such as teaser or
// reading-time. One phrase per line; blank lines and lines starting with #
// are ignored, and " #" starts a comment at the end of a line.
//
// # Pattern syntax
//
// A phrase is compared with a line after both are folded and tokenized by
// package textnorm: case, accents and punctuation do not matter, so
// "A lire aussi" in a file matches "À LIRE AUSSI :" in a line. Symbols such
// as © ® ™ % € $ are tokens of their own, other punctuation is ignored.
//
//	^phrase     the phrase must start the line (no token before it)
//	phrase$     the phrase must end the line (no token after it)
//	<num>       any number token: "<num> min read", "lesezeit <num> min"
//	<any>       any one token: "^by <any> <any>$" (not as the first token)
//
// A phrase has at most 16 tokens. A line matches a phrase wherever the
// phrase's tokens occur as consecutive tokens of the line.
//
// # Fuzzy matching
//
// Lines of up to 40 tokens are also compared approximately with phrases
// that share an anchor token with them (a token of three letters or more
// that is not a stopword of the phrase's language), so "Javascirpt is
// disabled!" still meets "javascript is disabled" and "Sign up for our free
// newsletter" meets "sign up for our newsletter". Words must then align in order;
// anchor words may differ by a few letters (edit distance), stopwords must
// be equal, and words inserted into the line cost a little; a fuzzy match
// must also cover at least MinFuzzyCoverage of the line. Phrases with fewer
// than two anchors, or with ^, $, <num> or <any>, are only matched exactly. Lines
// that share no anchor with any phrase cost nothing more than the exact
// lookup. A fuzzy match is reported only when no exact match of the same
// category was found in the line, and only the best one per category.
package lexicon

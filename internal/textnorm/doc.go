// Package textnorm folds and tokenizes text the same way for every chaff
// package, so that a phrase, a stopword and a line all meet on equal terms.
//
// Folding lower-cases and strips diacritics (é→e, ß→ss, œ→oe, æ→ae) and maps
// typographic apostrophes (’ ‘ ʼ) to the ASCII apostrophe. Tokens are runs of
// Unicode letters and digits (combining marks stay inside the token); every
// other byte, including apostrophes, hyphens and invalid UTF-8, separates
// tokens, so "d’une" gives "d" and "une".
//
// Both work on caller-provided buffers and allocate nothing per line once the
// buffers have grown, and neither panics on invalid UTF-8.
package textnorm

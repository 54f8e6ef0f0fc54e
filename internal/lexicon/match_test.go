package lexicon

import (
	"fmt"
	"strings"
	"testing"
)

func mustDefault(tb testing.TB) *Lexicon {
	tb.Helper()
	lx, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return lx
}

func describe(ms []Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "[%s/%s %q fuzzy=%v %.2f] ", m.Lang, m.Category, m.Phrase, m.Fuzzy, m.Similarity)
	}
	return b.String()
}

// noiseLines are typical noise lines; each must match its category.
var noiseLines = []struct{ lang, cat, line string }{
	// teaser
	{"fr", "teaser", ">> A lire aussi - SOLTEO lève 1,5 million d’euros"},
	{"fr", "teaser", "LIRE AUSSI : Le gouvernement présente son budget"},
	{"en", "teaser", "Related: The best phones of the year"},
	{"en", "teaser", "You may also like"},
	{"de", "teaser", "Mehr zum Thema"},
	{"de", "teaser", "Das könnte Sie auch interessieren"},
	{"es", "teaser", "Te puede interesar: La economía crece un 2%"},
	{"it", "teaser", "Leggi anche: Il governo approva la manovra"},
	{"pt", "teaser", "Leia também: Governo anuncia medidas"},
	{"nl", "teaser", "Lees ook: Kabinet presenteert begroting"},
	// reading-time
	{"fr", "reading-time", "2 min de lecture"},
	{"fr", "reading-time", "·1 min de lecture"},
	{"en", "reading-time", "5 min read"},
	{"de", "reading-time", "Lesezeit: 3 Min."},
	{"es", "reading-time", "4 min de lectura"},
	{"it", "reading-time", "3 minuti di lettura"},
	{"pt", "reading-time", "6 min de leitura"},
	{"nl", "reading-time", "2 min leestijd"},
	// call-to-action
	{"fr", "call-to-action", "Recevez des notifications avec des nouvelles de la rédaction"},
	{"en", "call-to-action", "Sign up for our newsletter"},
	{"de", "call-to-action", "Jetzt Newsletter abonnieren"},
	{"es", "call-to-action", "Suscríbete a nuestro boletín"},
	{"it", "call-to-action", "Iscriviti alla newsletter"},
	{"pt", "call-to-action", "Assine nossa newsletter"},
	{"nl", "call-to-action", "Schrijf je in voor onze nieuwsbrief"},
	// script-warning
	{"en", "script-warning", "Please enable JavaScript to view the comments"},
	{"en", "script-warning", "Your browser is out of date."},
	{"de", "script-warning", "Ihr Browser ist veraltet"},
	{"fr", "script-warning", "Votre navigateur n'est pas à jour"},
	{"es", "script-warning", "Tu navegador está desactualizado"},
	{"it", "script-warning", "Il tuo browser non è aggiornato"},
	{"pt", "script-warning", "Seu navegador está desatualizado"},
	{"nl", "script-warning", "Uw browser is verouderd"},
	// social
	{"fr", "social", "Partager sur Facebook"},
	{"en", "social", "Follow us on X"},
	{"en", "social", "12 comments"},
	{"de", "social", "Auf WhatsApp teilen"},
	{"es", "social", "Compartir en Twitter"},
	{"it", "social", "Condividi su Facebook"},
	{"pt", "social", "Compartilhar no WhatsApp"},
	{"nl", "social", "Deel dit artikel"},
	// legal
	{"mul", "legal", "© 2024 Le Monde"},
	{"fr", "legal", "Nous utilisons des cookies pour améliorer votre expérience"},
	{"de", "legal", "Impressum"},
	{"en", "legal", "All rights reserved."},
	{"es", "legal", "Política de privacidad"},
	{"it", "legal", "Tutti i diritti riservati"},
	{"pt", "legal", "Todos os direitos reservados"},
	{"nl", "legal", "Alle rechten voorbehouden"},
	// ad
	{"fr", "ad", "Publicité"},
	{"en", "ad", "Advertisement"},
	{"de", "ad", "Anzeige"},
	{"es", "ad", "Publicidad"},
	{"it", "ad", "Pubblicità"},
	{"pt", "ad", "Publicidade"},
	{"nl", "ad", "Advertentie"},
	// truncation
	{"fr", "truncation", "(...) Cliquez ici pour voir la suite"},
	{"fr", "truncation", "Article réservé aux abonnés"},
	{"en", "truncation", "Read more"},
	{"en", "truncation", "Continue reading"},
	{"de", "truncation", "Weiterlesen mit Plus"},
	{"es", "truncation", "Contenido exclusivo para suscriptores"},
	{"it", "truncation", "Contenuto riservato agli abbonati"},
	{"pt", "truncation", "Conteúdo exclusivo para assinantes"},
	{"nl", "truncation", "Dit artikel is alleen voor abonnees"},
	// byline
	{"fr", "byline", "Par Aurore Gayte"},
	{"mul", "byline", "AFP"},
	{"en", "byline", "By Jane Doe"},
	{"de", "byline", "Von Hans Müller"},
	{"es", "byline", "Por Ana García"},
	{"it", "byline", "Di Marco Rossi"},
	{"pt", "byline", "Por João Silva"},
	{"nl", "byline", "Door Jan Jansen"},
	// dateline
	{"fr", "dateline", "Publié le 21/12/2024 à 07:45"},
	{"en", "dateline", "Updated: 19 November 2019, 09:01 AM"},
	{"de", "dateline", "Veröffentlicht am 3. Mai 2024"},
	{"es", "dateline", "Actualizado el 4 de mayo de 2024"},
	{"it", "dateline", "Aggiornato il 5 maggio 2024"},
	{"pt", "dateline", "Atualizado em 5 de maio de 2024"},
	{"nl", "dateline", "Gepubliceerd op 5 mei 2024"},
	// media
	{"mul", "media", "Getty Images via AFP"},
	{"en", "media", "(Photo Credit : PTI File Photo)"},
	{"fr", "media", "Crédit photo : Reuters"},
	{"de", "media", "Bildquelle: dpa"},
	{"es", "media", "Foto de archivo"},
	{"it", "media", "Foto d'archivio"},
	{"pt", "media", "Galeria de fotos"},
	{"nl", "media", "Bekijk de video"},
	// navigation
	{"en", "navigation", "Skip to content"},
	{"en", "navigation", "MENU"},
	{"fr", "navigation", "Accueil"},
	{"de", "navigation", "Zum Inhalt springen"},
	{"es", "navigation", "Saltar al contenido"},
	{"it", "navigation", "Vai al contenuto"},
	{"pt", "navigation", "Pular para o conteúdo"},
	{"nl", "navigation", "Naar de inhoud"},
	// market-data
	{"fr", "market-data", "La bourse est fermée"},
	{"en", "market-data", "Market closed"},
	{"de", "market-data", "Börse geschlossen"},
	{"es", "market-data", "Mercado cerrado"},
	{"it", "market-data", "Mercato chiuso"},
	{"pt", "market-data", "Mercado fechado"},
	{"nl", "market-data", "Beurs gesloten"},
	{"mul", "market-data", "CAC 40"},
}

func TestMatchNoise(t *testing.T) {
	lx := mustDefault(t)
	for _, tt := range noiseLines {
		ms := lx.Match([]byte(tt.line), nil)
		found := false
		for _, m := range ms {
			if m.Category == tt.cat && strings.Contains(","+m.Lang+",", ","+tt.lang+",") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %q: want a %s match, got %s", tt.lang, tt.line, tt.cat, describe(ms))
		}
	}
}

// TestEveryLanguageAndCategoryTested keeps noiseLines complete.
func TestEveryLanguageAndCategoryTested(t *testing.T) {
	seen := map[string]bool{}
	for _, tt := range noiseLines {
		seen[tt.lang+"/"+tt.cat] = true
	}
	for _, l := range []string{"fr", "en", "de", "es", "it"} {
		for _, c := range mustDefault(t).Categories() {
			if !seen[l+"/"+c] && !seen["mul/"+c] {
				t.Errorf("no noise line for %s/%s", l, c)
			}
		}
	}
}

// ordinaryLines are article sentences and headings that must match nothing.
var ordinaryLines = []string{
	"the engine is not working",
	"The engine is not working correctly, the mechanic said.",
	"le moteur ne fonctionne pas",
	"Le moteur ne fonctionne pas correctement depuis lundi.",
	"der Motor funktioniert nicht",
	"el motor no funciona",
	"il motore non funziona",
	"Elon Musk, le patron de Tesla, s’est défendu lors d’une conférence virtuelle à Pékin.",
	"The company said on Tuesday that the market closed higher after a long session.",
	"Die Regierung hat am Dienstag beschlossen, dass die neuen Regeln ab Januar gelten.",
	"El gobierno anunció el martes que las nuevas normas se aplicarán desde enero.",
	"Il governo ha annunciato martedì che le nuove regole saranno applicate da gennaio.",
	"O governo anunciou na terça-feira que as novas regras serão aplicadas em janeiro.",
	"De regering heeft dinsdag aangekondigd dat de nieuwe regels in januari ingaan.",
	"Bras de fer sur la technologie et le commerce",
	"Ce qui s’est passé : l’action Tesla a clôturé en hausse de 3 %.",
	"Tesla Inc (NASDAQ:TSLA) est censée publier ses résultats mercredi.",
	"He read the report and shared his views with the board on Twitter last week.",
	"Users say the app store listing was updated to fix a bug in the browser.",
	"Researchers warn that cookies and trackers follow users across the web.",
	"Sign language interpreters joined the meeting for the first time.",
	"Les abonnés du réseau ont reçu une facture plus élevée cette année.",
	"She was published in several journals before joining the university.",
	"Par ailleurs, le ministre a annoncé une nouvelle réforme des retraites pour l’an prochain.",
	"By the end of the year, the company expects to hire more engineers.",
}

func TestNoFalsePositives(t *testing.T) {
	lx := mustDefault(t)
	for _, line := range ordinaryLines {
		if ms := lx.Match([]byte(line), nil); len(ms) > 0 {
			t.Errorf("%q: want no match, got %s", line, describe(ms))
		}
	}
}

func TestFuzzyScriptWarning(t *testing.T) {
	lx := mustDefault(t)
	line := []byte("you see this when javscript or css is not working correct")
	ms := lx.Match(line, nil)
	var got *Match
	for i := range ms {
		if ms[i].Category == "script-warning" {
			got = &ms[i]
		}
	}
	if got == nil {
		t.Fatalf("no script-warning match: %s", describe(ms))
	}
	if !got.Fuzzy || got.Similarity < FuzzyThreshold || got.Similarity >= 1 {
		t.Fatalf("want a fuzzy match with similarity in [%.2f,1), got %s", FuzzyThreshold, describe(ms))
	}
	if span := string(line[got.Start:got.End]); !strings.Contains(span, "javscript") || !strings.HasSuffix(span, "working") {
		t.Errorf("span %q should run from the misspelt word to the last matched word", span)
	}
}

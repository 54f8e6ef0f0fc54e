package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/model"
)

func TestNewVersionInfo(t *testing.T) {
	stamped := &debug.BuildInfo{
		GoVersion: "go1.99.1",
		Main:      debug.Module{Path: "github.com/chaff-dev/chaff", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{
			{Key: "-trimpath", Value: "true"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "0123456789abcdef"},
			{Key: "vcs.time", Value: "2026-12-06T00:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	tests := []struct {
		name     string
		bi       *debug.BuildInfo
		version  string
		goVer    string
		vcs      *vcsInfo
		revision string // the revision line of the text, "" for none
	}{
		{"stamped", stamped, "v1.2.3", "go1.99.1", &vcsInfo{"0123456789abcdef", "2026-12-06T00:00:00Z", true},
			"0123456789abcdef (2026-12-06T00:00:00Z, modified)"},
		{"go test", &debug.BuildInfo{GoVersion: "go1.99.2", Main: debug.Module{Path: "m", Version: "(devel)"}}, "(devel)", "go1.99.2", nil, ""},
		{"no build info", nil, "unknown", "", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := newVersionInfo(tc.bi, nil)
			if v.Version != tc.version {
				t.Errorf("version %q, want %q", v.Version, tc.version)
			}
			if tc.goVer != "" && v.Go != tc.goVer {
				t.Errorf("go %q, want %q", v.Go, tc.goVer)
			}
			if (v.VCS == nil) != (tc.vcs == nil) || v.VCS != nil && *v.VCS != *tc.vcs {
				t.Errorf("vcs %+v, want %+v", v.VCS, tc.vcs)
			}
			var buf bytes.Buffer
			if err := v.writeText(&buf); err != nil {
				t.Fatal(err)
			}
			got := strings.Contains(buf.String(), "revision")
			if got != (tc.revision != "") || tc.revision != "" && !strings.Contains(buf.String(), tc.revision) {
				t.Errorf("want revision line %q in:\n%s", tc.revision, buf.String())
			}
		})
	}
}

// TestVersionModels checks that chaff version lists every embedded model
// with its true size and SHA-256, and a kind its file agrees with.
func TestVersionModels(t *testing.T) {
	code, out, errs := runCapture(t, "version", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v versionInfo
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if v.Module != "github.com/chaff-dev/chaff" || v.Go == "" || v.TrainedOn != model.TrainingSets {
		t.Errorf("module %q, go %q, trained on %q", v.Module, v.Go, v.TrainedOn)
	}
	files := embeddedModels()
	if len(v.Models) != len(files) || len(files) != 4 {
		t.Fatalf("%d models listed, %d embedded, want 4", len(v.Models), len(files))
	}
	_, text, _ := runCapture(t, "version")
	for i, f := range files {
		m := v.Models[i]
		sum := sha256.Sum256(f.Data)
		if m.Path != f.Path || m.Size != len(f.Data) || m.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("model %d: %+v, want %s of %d bytes, sha256 %x", i, m, f.Path, len(f.Data), sum)
		}
		if m.TrainedOn == "" || !strings.Contains(m.Command, "-o "+f.Path) {
			t.Errorf("%s: trained on %q, command %q", f.Path, m.TrainedOn, m.Command)
		}
		if head := "chaff-model-2 " + m.Kind + "\n"; !strings.HasPrefix(string(f.Data), head) {
			t.Errorf("%s: kind %q, but the file does not start with %q", f.Path, m.Kind, head)
		}
		for _, want := range []string{m.Kind, m.Path, m.SHA256[:shaPrefix], m.TrainedOn} {
			if !strings.Contains(text, want) {
				t.Errorf("text output lacks %q:\n%s", want, text)
			}
		}
	}
}

func TestVersionUsage(t *testing.T) {
	for _, args := range [][]string{{"version", "--format", "xml"}, {"version", "extra"}} {
		if code, _, errs := runCapture(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d; %s", args, code, exitUsage, errs)
		}
	}
}

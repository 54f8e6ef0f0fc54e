package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/chaff-dev/chaff/internal/model"
)

// versionHelp heads chaff version's help.
const versionHelp = `Usage: chaff version [--format text|json]

Prints chaff's version: the module version, the commit it was built from
when the build recorded it, the Go version, and the models embedded in the
binary with their size, SHA-256 and what they were trained on.

`

// versionInfo is what chaff version prints.
type versionInfo struct {
	Module    string      `json:"module"`
	Version   string      `json:"version"`
	VCS       *vcsInfo    `json:"vcs,omitempty"`
	Go        string      `json:"go"`
	Platform  string      `json:"platform"`
	TrainedOn string      `json:"trained_on"`
	Models    []modelInfo `json:"models"`
}

// vcsInfo is the commit a binary was built from, as go build stamps it.
type vcsInfo struct {
	Revision string `json:"revision"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified"`
}

// modelInfo describes one embedded model file.
type modelInfo struct {
	Kind      string `json:"kind"`
	Path      string `json:"path"`
	Size      int    `json:"size"`
	SHA256    string `json:"sha256"`
	TrainedOn string `json:"trained_on"`
	Command   string `json:"command"`
}

// runVersion implements chaff version.
func runVersion(e *env, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	format := fs.String("format", "text", "output: text or json")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), versionHelp)
		printFlags(fs)
	}
	if err := parse(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *format != "text" && *format != "json" {
		return usagef("--format %q: want text or json", *format)
	}
	bi, _ := debug.ReadBuildInfo()
	v := newVersionInfo(bi, embeddedModels())
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	return v.writeText(e.stdout)
}

// embeddedModels lists the model files shipped inside the binary.
func embeddedModels() []model.EmbeddedFile { return model.EmbeddedFiles() }

// newVersionInfo gathers the version from the build information (nil when
// the binary has none) and the embedded models.
func newVersionInfo(bi *debug.BuildInfo, models []model.EmbeddedFile) versionInfo {
	v := versionInfo{
		Module:    "github.com/chaff-dev/chaff",
		Version:   "unknown",
		Go:        runtime.Version(),
		Platform:  runtime.GOOS + "/" + runtime.GOARCH,
		TrainedOn: model.TrainingSets,
	}
	if bi != nil {
		if bi.Main.Path != "" {
			v.Module = bi.Main.Path
		}
		if bi.Main.Version != "" {
			v.Version = bi.Main.Version
		}
		if bi.GoVersion != "" {
			v.Go = bi.GoVersion
		}
		v.VCS = vcsOf(bi.Settings)
	}
	for _, m := range models {
		sum := sha256.Sum256(m.Data)
		v.Models = append(v.Models, modelInfo{
			Kind: m.Kind.String(), Path: m.Path, Size: len(m.Data), SHA256: hex.EncodeToString(sum[:]),
			TrainedOn: m.TrainedOn, Command: m.Command,
		})
	}
	return v
}

// vcsOf reads the commit go build stamped into the settings: nil when
// there is none (go run, go test, -buildvcs=false).
func vcsOf(settings []debug.BuildSetting) *vcsInfo {
	var vcs vcsInfo
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			vcs.Revision = s.Value
		case "vcs.time":
			vcs.Time = s.Value
		case "vcs.modified":
			vcs.Modified = s.Value == "true"
		}
	}
	if vcs.Revision == "" {
		return nil
	}
	return &vcs
}

// shaPrefix is how many hex digits of a model's SHA-256 the text shows.
const shaPrefix = 12

// writeText writes v for people.
func (v versionInfo) writeText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "chaff %s\n", v.Version)
	fmt.Fprintf(tw, "  module\t%s\n", v.Module)
	if v.VCS != nil {
		fmt.Fprintf(tw, "  revision\t%s\n", v.VCS.describe())
	}
	fmt.Fprintf(tw, "  go\t%s %s\n", v.Go, v.Platform)
	fmt.Fprintln(tw, "\nEmbedded models:")
	for _, m := range v.Models {
		fmt.Fprintf(tw, "  %s\t%s\t%.1f MiB\tsha256 %s\n", m.Kind, m.Path, float64(m.Size)/(1<<20), m.SHA256[:shaPrefix])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, line := range wrap("Trained on "+v.TrainedOn+":", helpWidth-2) {
		fmt.Fprintln(w, line)
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, m := range v.Models {
		fmt.Fprintf(tw, "  %s\t%s\n", m.Kind, m.TrainedOn)
	}
	return tw.Flush()
}

// describe is the revision, its time and whether the tree was modified.
func (c *vcsInfo) describe() string {
	var notes []string
	if c.Time != "" {
		notes = append(notes, c.Time)
	}
	if c.Modified {
		notes = append(notes, "modified")
	}
	if len(notes) == 0 {
		return c.Revision
	}
	return c.Revision + " (" + strings.Join(notes, ", ") + ")"
}

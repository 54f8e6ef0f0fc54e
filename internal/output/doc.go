// Package output writes result files atomically: data goes to a temporary
// file in the destination directory, and only Commit (fsync, then rename)
// makes it appear at the final path. A reader of the final path sees the
// old file or the complete new one, never a partial file.
//
// Temporary files are named TempPrefix + PID + "-" + random + "-" + base:
// what a killed process leaves is recognisable, never taken for an output
// (readers skip TempGlob), and removed by RemoveStale once that process is
// gone. A process that must exit at once removes its own with RemoveTemps.
package output

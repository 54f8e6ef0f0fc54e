package main

func runEval(e *env, args []string) error  { return nil }
func runTrain(e *env, args []string) error { return nil }
func runCheck(e *env, args []string) error { return nil }

package main

import "github.com/spf13/pflag"

// addValueOptionsFlags is helm's (pkg/cmd/flags.go), reading into Berth's valueOptions.
func addValueOptionsFlags(f *pflag.FlagSet, v *valueOptions) {
	f.StringSliceVarP(&v.ValueFiles, "values", "f", []string{}, "specify values in a YAML file or a URL (can specify multiple)")
	f.StringArrayVar(&v.Values, "set", []string{}, "set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)")
	f.StringArrayVar(&v.StringValues, "set-string", []string{}, "set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)")
	f.StringArrayVar(&v.FileValues, "set-file", []string{}, "set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)")
	f.StringArrayVar(&v.JSONValues, "set-json", []string{}, "set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2 or using json format: {\"key1\": jsonval1, \"key2\": \"jsonval2\"})")
	f.StringArrayVar(&v.LiteralValues, "set-literal", []string{}, "set a literal STRING value on the command line")
}

// addNamespaceFlag is helm's global --namespace (pkg/cli/environment.go AddFlags).
func addNamespaceFlag(f *pflag.FlagSet, ns *string) {
	f.StringVarP(ns, "namespace", "n", "", "namespace scope for this request")
}

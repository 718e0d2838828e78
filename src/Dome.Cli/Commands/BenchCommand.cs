namespace Dome.Cli.Commands;
internal static class BenchCommand { public static System.CommandLine.Command Create(CliContext c) => new("bench"); }

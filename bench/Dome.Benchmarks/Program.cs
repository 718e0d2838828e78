using BenchmarkDotNet.Running;

// Run all suites: dotnet run -c Release --project bench/Dome.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Dome.Benchmarks.ModelBenchmarks).Assembly).Run(args);

using Dome.Cli;

return DomeCli.Run(args, Console.Out, Console.Error);

using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Dome.Model.Areas;
using Dome.Server;
using Dome.Simulation.Scenarios;
using Microsoft.Extensions.Logging;

namespace Dome.Cli.Commands;

/// <summary><c>dome serve</c>: the drill server and live map.</summary>
internal static class ServeCommand
{
    /// <summary>Where the operator token may come from besides <c>--token-file</c>.</summary>
    public const string TokenVariable = "DOME_OPERATOR_TOKEN";

    public static Command Create(CliContext context)
    {
        Option<string?> scenario = new("--scenario") { Description = "Play this scenario (a built-in name or a YAML file) at start; without it the server waits for the operator." };
        Option<double> speed = new("--speed") { Description = "Speed of play, × real time (0 < X ≤ 1000).", DefaultValueFactory = _ => 1.0 };
        Option<bool> loop = new("--loop") { Description = "Play the scenario again when it ends (next seed each time)." };
        Option<int> port = new("--port") { Description = "TCP port (0: any free port).", DefaultValueFactory = _ => 8080 };
        Option<string> bind = new("--bind") { Description = "Address to listen on; 0.0.0.0 exposes the server to the network.", DefaultValueFactory = _ => "127.0.0.1" };
        Option<string?> db = new("--db") { Description = $"SQLite database of alerts and events (default: {DrillStore.DefaultPath})." };
        Option<string?> tokenFile = new("--token-file") { Description = $"File holding the operator API's bearer token (or set {TokenVariable}); without a token the operator API is disabled." };
        Option<double> active = new("--active-seconds") { Description = "How long a message stays in Alerts.json, s.", DefaultValueFactory = _ => DrillServer.DefaultActiveSeconds };
        Option<string> logFormat = new("--log-format") { Description = "Log lines as 'json' (structured) or 'text'.", DefaultValueFactory = _ => "json" };
        Command command = new("serve", "The drill server: the Home Front Command's feeds, CAP, a live event stream, an operator API and the live map at /.");
        command.Options.Add(scenario);
        command.Options.Add(speed);
        command.Options.Add(loop);
        command.Options.Add(port);
        command.Options.Add(bind);
        command.Options.Add(db);
        command.Options.Add(tokenFile);
        command.Options.Add(active);
        command.Options.Add(logFormat);
        command.SetAction(parse => DomeCli.Guard(context, () =>
        {
            DrillServerOptions options = Options(parse.GetValue(scenario), parse.GetValue(speed), parse.GetValue(loop), parse.GetValue(port), parse.GetValue(bind)!,
                parse.GetValue(db), parse.GetValue(tokenFile), Environment.GetEnvironmentVariable(TokenVariable), parse.GetValue(active), parse.GetValue(logFormat)!);
            return Serve(context, options);
        }));
        return command;
    }

    /// <summary>Validates the options into server options; every problem names its option.</summary>
    internal static DrillServerOptions Options(string? scenarioName, double speed, bool loop, int port, string bind, string? db, string? tokenFile, string? tokenVariable, double activeSeconds, string logFormat)
    {
        if (!(speed > 0 && speed <= DrillClock.MaxSpeed))
        {
            throw new DomeInputException(string.Create(CultureInfo.InvariantCulture, $"--speed {speed}: must be above 0 and at most {DrillClock.MaxSpeed} (× real time)"));
        }

        if (port is < 0 or > 65535)
        {
            throw new DomeInputException(string.Create(CultureInfo.InvariantCulture, $"--port {port}: must be 0 to 65535"));
        }

        if (!IPAddress.TryParse(bind, out IPAddress? address))
        {
            throw new DomeInputException($"--bind {bind}: not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1)");
        }

        if (!(activeSeconds >= 1 && activeSeconds <= 3600))
        {
            throw new DomeInputException(string.Create(CultureInfo.InvariantCulture, $"--active-seconds {activeSeconds}: must be 1 to 3600"));
        }

        if (logFormat is not ("json" or "text"))
        {
            throw new DomeInputException($"--log-format {logFormat}: json or text");
        }

        string? token = tokenVariable;
        if (tokenFile is not null)
        {
            if (!File.Exists(tokenFile))
            {
                throw new DomeInputException($"--token-file {tokenFile}: no such file");
            }

            token = File.ReadAllText(tokenFile).Trim();
            if (token.Length == 0)
            {
                throw new DomeInputException($"--token-file {tokenFile}: the file is empty");
            }
        }

        if (token is { Length: > 0 and < 16 })
        {
            throw new DomeInputException($"operator token: {token.Length} characters; use at least 16 (e.g. openssl rand -hex 24)");
        }

        return new DrillServerOptions
        {
            Scenario = scenarioName is null ? null : ScenarioLoader.Load(scenarioName, AlertAreaMap.Default),
            Speed = speed,
            Loop = loop,
            Port = port,
            Bind = address,
            DatabasePath = db ?? DrillStore.DefaultPath,
            OperatorToken = string.IsNullOrEmpty(token) ? null : token,
            ActiveFor = TimeSpan.FromSeconds(activeSeconds),
            JsonLogs = logFormat == "json",
            LogLevel = LogLevel.Information,
        };
    }

    private static int Serve(CliContext context, DrillServerOptions options)
    {
        using CancellationTokenSource stop = new();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        try
        {
            DrillServer server;
            try
            {
                server = DrillServer.Create(options);
            }
            catch (DrillStoreException ex)
            {
                throw new DomeInputException($"--db {ex.Message}");
            }

            try
            {
                server.StartAsync().GetAwaiter().GetResult();
            }
            catch (IOException ex)
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw new DomeInputException($"--port {options.Port} on {options.Bind}: cannot listen ({(ex.InnerException as SocketException)?.Message ?? ex.Message})");
            }

            context.Error.WriteLine($"dome: drill server on {server.BaseAddress} (feeds under /WarningMessages/alert/, CAP at /cap/feed.atom, stream at /api/stream, map at /); Ctrl-C stops it");
            try
            {
                stop.Token.WaitHandle.WaitOne();
            }
            finally
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return ExitCodes.Ok;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}

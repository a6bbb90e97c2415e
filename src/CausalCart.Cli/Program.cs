using CausalCart.Cli;

return await CausalCartCli.RunAsync(args, CliConsole.System()).ConfigureAwait(false);

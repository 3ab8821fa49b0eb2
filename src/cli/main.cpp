// dendrites-cli: run the labs headless. `dendrites-cli --help` lists the subcommands.
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
    using namespace dendrites::cli;
    CLI::App app{"Dendrites: train multilayer perceptrons and simulate spiking networks headless."};
    app.require_subcommand(1);
    int exit_code = kExitOk;
    AddTrainCommand(app, &exit_code);
    AddSpikeCommand(app, &exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // Every malformed flag or value is bad input: one message on stderr, exit code 2.
        app.exit(e);
        return kExitBadInput;
    }
    return exit_code;
}

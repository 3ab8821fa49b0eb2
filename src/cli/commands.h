// The subcommands of dendrites-cli. Each Add*Command registers one subcommand on `app`; when it
// runs, its callback stores the process exit code in *exit_code (0 ok, 1 run failed, 2 bad input).
#pragma once

#include <CLI/CLI.hpp>

namespace dendrites::cli {

constexpr int kExitOk = 0;
constexpr int kExitRunFailed = 1;
constexpr int kExitBadInput = 2;

void AddTrainCommand(CLI::App& app, int* exit_code);
void AddSpikeCommand(CLI::App& app, int* exit_code);

}  // namespace dendrites::cli

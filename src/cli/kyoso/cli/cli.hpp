#pragma once

namespace kyoso::cli {

// Entry point of the kyoso program: parses the command line, wires adapters to
// use cases (this is the composition root) and runs one subcommand. Returns the
// process exit code: 0 success, 1 runtime error, 2 usage error.
int Run(int argc, char** argv);

}  // namespace kyoso::cli

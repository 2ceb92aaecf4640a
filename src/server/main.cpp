// kyoso: the one program. Everything happens in kyoso::cli::Run (the composition root).
#include "kyoso/cli/cli.hpp"

int main(int argc, char** argv) { return kyoso::cli::Run(argc, argv); }

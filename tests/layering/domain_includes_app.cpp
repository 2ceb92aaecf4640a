// Must NOT compile: the domain layer cannot see the app layer's headers.
// tests/CMakeLists.txt builds this against kyoso_domain and expects failure.
#include "kyoso/app/government/government_service.hpp"

int LayeringProbe() { return 0; }

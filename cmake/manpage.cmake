# Writes the man page userapi.1 (OUTPUT) with help2man from the command's own help: `userapi
# --help` and --version, plus one COMMANDS subsection per `userapi COMMAND --help`, so the page
# says exactly what the help says. Run by the build: cmake -DUSERAPI=... -DHELP2MAN=... -P manpage.cmake
cmake_minimum_required(VERSION 3.20)

set(commands validate build send check-response serve)
set(include "[COMMANDS]\n")
foreach(command IN LISTS commands)
  execute_process(COMMAND ${USERAPI} ${command} --help OUTPUT_VARIABLE help COMMAND_ERROR_IS_FATAL ANY)
  string(REPLACE "\\" "\\e" help "${help}")  # roff's escape character
  string(REPLACE "-" "\\-" help "${help}")   # options are minus signs, not hyphens
  string(APPEND include ".SS ${command}\n.nf\n${help}.fi\n")
endforeach()
string(APPEND include "[EXAMPLES]\n.nf\nuserapi validate /usr/share/doc/userapi/examples/update\\-user.json\n"
       "userapi serve \\-\\-port 8787\n"
       "userapi send body.json \\-\\-base\\-url http://127.0.0.1:8787 \\-\\-token\\-env USERAPI_TOKEN\n"
       "userapi send \\-\\-batch groups.csv \\-\\-base\\-url http://127.0.0.1:8787 \\-\\-token\\-env USERAPI_TOKEN "
       "\\-\\-report run.json\n"
       "userapi send \\-\\-batch groups.csv \\-\\-base\\-url http://127.0.0.1:8787 \\-\\-token\\-env USERAPI_TOKEN "
       "\\-\\-resume run.json \\-\\-report run.json\n.fi\n"
       "[SEE ALSO]\nThe documentation in /usr/share/doc/userapi, among it native.md (this package) and sandbox.md.\n")
file(WRITE ${OUTPUT}.h2m "${include}")
execute_process(
  COMMAND ${HELP2MAN} --no-info --section 1 --name "validate, build, send and check Update User requests"
          --include ${OUTPUT}.h2m --output ${OUTPUT} ${USERAPI}
  COMMAND_ERROR_IS_FATAL ANY)
file(REMOVE ${OUTPUT}.h2m)

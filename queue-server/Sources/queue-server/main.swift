import Foundation
import QueueServer

exit(await ServerCommand.main(Array(CommandLine.arguments.dropFirst())))

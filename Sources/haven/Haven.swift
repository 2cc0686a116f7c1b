@main struct Haven { static func main() {} }

// Command quickstart walks records of the service management system through
// their lives and prints what happens.
package main

import "fmt"

func main() {
	fmt.Println("iso20000 quickstart")
}

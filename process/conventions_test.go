package process_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// moduleFiles parses every non-test Go file of the module (the folder above
// this package), nested modules and testdata included but for fuzz corpora.
func moduleFiles(t *testing.T) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files[path] = f
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 50 {
		t.Fatalf("found %d files: is the test run from the process folder?", len(files))
	}
	return fset, files
}

// isNamed reports whether e names the type name, bare or qualified
// (Actor, process.Actor).
func isNamed(e ast.Expr, pkg, name string) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return pkg == "" && x.Name == name
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		return ok && x.Sel.Name == name && (id.Name == pkg || pkg == "")
	}
	return false
}

// params flattens a parameter list to one type expression and one name
// ("" when unnamed) per parameter.
func params(fl *ast.FieldList) (types []ast.Expr, names []string) {
	for _, f := range fl.List {
		if len(f.Names) == 0 {
			types, names = append(types, f.Type), append(names, "")
		}
		for _, n := range f.Names {
			types, names = append(types, f.Type), append(names, n.Name)
		}
	}
	return types, names
}

// TestActorArgumentOrder holds the whole module to the rule of the package
// documentation: an exported method that takes an Actor takes (by Actor, at
// time.Time) first, after the receiver; an exported function takes them
// last (before a variadic parameter, if it has one). The two are named by
// and at wherever they are named.
func TestActorArgumentOrder(t *testing.T) {
	fset, files := moduleFiles(t)
	checked := 0
	check := func(pos token.Pos, name string, method bool, ft *ast.FuncType) {
		ps, names := params(ft.Params)
		ai := -1
		for i, p := range ps {
			if isNamed(p, "", "Actor") {
				ai = i
				break
			}
		}
		if ai < 0 {
			return
		}
		checked++
		want := 0
		if !method {
			want = len(ps) - 2
			if n := len(ps); n > 0 {
				if _, ok := ps[n-1].(*ast.Ellipsis); ok {
					want--
				}
			}
		}
		if names[ai] != "" && (names[ai] != "by" || ai+1 >= len(ps) || names[ai+1] != "at") {
			t.Errorf("%s: %s: the actor and time parameters must be named by and at", fset.Position(pos), name)
		}
		if ai != want || ai+1 >= len(ps) || !isNamed(ps[ai+1], "time", "Time") {
			kind := "function"
			if method {
				kind = "method"
			}
			t.Errorf("%s: %s %s: by Actor, at time.Time must be the %s parameters", fset.Position(pos), kind, name,
				map[bool]string{true: "first", false: "last"}[method])
		}
	}
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.IsExported() {
					check(d.Pos(), d.Name.Name, d.Recv != nil, d.Type)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					ts, ok := s.(*ast.TypeSpec)
					if !ok || !ts.Name.IsExported() {
						continue
					}
					it, ok := ts.Type.(*ast.InterfaceType)
					if !ok {
						continue
					}
					for _, m := range it.Methods.List {
						if ft, ok := m.Type.(*ast.FuncType); ok && len(m.Names) > 0 && m.Names[0].IsExported() {
							check(m.Pos(), ts.Name.Name+"."+m.Names[0].Name, true, ft)
						}
					}
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("checked %d declarations taking an Actor; expected the module's hundreds", checked)
	}
}

// enumDecoders lists the enumerations whose text methods do more than the
// module's helpers, and why; each must still encode "" as unset, which its
// own tests check.
var enumDecoders = map[string]string{
	"process.RecordKind": "a host's custom kinds (x-…) are valid codes that Valid does not list",
	"process.Process":    "decoding accepts the short code, clause and title as Parse does",
	"interfaces.NodeID":  "decoding accepts a process code or an SMS node name",
	"process.LinkType":   "a host's custom link types (x-…) are valid codes that Valid does not list",
}

// openTypes are string types with a Valid method that are not closed
// enumerations: a host adds values of its own, so they encode as plain text.
var openTypes = map[string]string{
	"process.Level": "a host's priority matrix declares its own levels; Valid names the library's defaults",
}

// TestEnumEncoding holds every enumeration of the module (an exported type
// with underlying type string and a Valid method) to one encoding rule: it
// has String, MarshalText and UnmarshalText, and the text methods are the
// module's helpers (process.MarshalEnum, process.UnmarshalEnum), which
// encode "" as unset and refuse unknown values.
func TestEnumEncoding(t *testing.T) {
	fset, files := moduleFiles(t)
	type methods struct {
		pos                      token.Pos
		valid, str, mText, uText bool
		mHelper, uHelper         bool
	}
	enums := map[string]*methods{} // "pkg.Type"
	get := func(key string) *methods {
		if enums[key] == nil {
			enums[key] = &methods{}
		}
		return enums[key]
	}
	calls := func(body *ast.BlockStmt, name string) bool {
		found := false
		ast.Inspect(body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				f := c.Fun
				if ix, ok := f.(*ast.IndexExpr); ok {
					f = ix.X
				}
				if isNamed(f, "", name) {
					found = true
				}
			}
			return true
		})
		return found
	}
	strings_ := map[string]bool{}
	for _, f := range files {
		pkg := f.Name.Name
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.IsExported() && isNamed(ts.Type, "", "string") {
						strings_[pkg+"."+ts.Name.Name] = true
						get(pkg + "." + ts.Name.Name).pos = ts.Pos()
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) != 1 {
					continue
				}
				rt := d.Recv.List[0].Type
				ptr := false
				if s, ok := rt.(*ast.StarExpr); ok {
					rt, ptr = s.X, true
				}
				id, ok := rt.(*ast.Ident)
				if !ok {
					continue
				}
				m := get(pkg + "." + id.Name)
				switch d.Name.Name {
				case "Valid":
					m.valid = d.Type.Params.NumFields() == 0
				case "String":
					m.str = true
				case "MarshalText":
					m.mText = !ptr
					m.mHelper = d.Body != nil && calls(d.Body, "MarshalEnum")
				case "UnmarshalText":
					m.uText = ptr
					m.uHelper = d.Body != nil && calls(d.Body, "UnmarshalEnum")
				}
			}
		}
	}
	n := 0
	for key, m := range enums {
		if _, open := openTypes[key]; !strings_[key] || !m.valid || open {
			continue
		}
		n++
		at := fset.Position(m.pos)
		if !m.str || !m.mText || !m.uText {
			t.Errorf("%s: enumeration %s lacks String, MarshalText (value receiver) or UnmarshalText (pointer receiver)", at, key)
			continue
		}
		if _, ok := enumDecoders[key]; !ok && (!m.mHelper || !m.uHelper) {
			t.Errorf("%s: enumeration %s: its text methods must call process.MarshalEnum and process.UnmarshalEnum", at, key)
		}
	}
	if n < 60 {
		t.Errorf("found %d enumerations; expected the module's 60 and more", n)
	}
}

// TestErrorsNameTheirPackage holds the module to the rule that an error
// names the package that makes it: a message given to fmt.Errorf or
// errors.New that opens with a package's name ("process: …") opens with its
// own package's name. Messages without a prefix are reasons that another
// error of the package wraps.
func TestErrorsNameTheirPackage(t *testing.T) {
	fset, files := moduleFiles(t)
	pkgs := map[string]bool{}
	for _, f := range files {
		pkgs[f.Name.Name] = true
	}
	checked := 0
	for _, f := range files {
		own := f.Name.Name
		ast.Inspect(f, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || len(c.Args) == 0 || !(isNamed(c.Fun, "fmt", "Errorf") || isNamed(c.Fun, "errors", "New")) {
				return true
			}
			lit, ok := c.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			prefix, _, found := strings.Cut(s, ": ")
			if !found || !pkgs[prefix] {
				return true
			}
			checked++
			if prefix != own {
				t.Errorf("%s: package %s makes an error that names package %s: %q", fset.Position(lit.Pos()), own, prefix, s)
			}
			return true
		})
	}
	if checked < 100 {
		t.Errorf("checked %d error messages; expected the module's hundreds", checked)
	}
}

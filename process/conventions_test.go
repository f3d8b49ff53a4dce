package process_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
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

// paramTypes flattens a parameter list to one type expression per
// parameter.
func paramTypes(fl *ast.FieldList) []ast.Expr {
	var out []ast.Expr
	for _, f := range fl.List {
		n := max(len(f.Names), 1)
		for range n {
			out = append(out, f.Type)
		}
	}
	return out
}

// TestActorArgumentOrder holds the whole module to the rule of the package
// documentation: an exported method that takes an Actor takes (by Actor, at
// time.Time) first, after the receiver; an exported function takes them
// last (before a variadic parameter, if it has one).
func TestActorArgumentOrder(t *testing.T) {
	fset, files := moduleFiles(t)
	checked := 0
	check := func(pos token.Pos, name string, method bool, ft *ast.FuncType) {
		ps := paramTypes(ft.Params)
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
